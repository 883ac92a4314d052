import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './helpers/lsp.js';
import { fixturesDir } from './helpers/run.js';

// The real ESLint language server that VS Code runs, over stdio, against a
// project whose eslint.config.js imports the plugin: open a file, wait for the
// textDocument/publishDiagnostics notification, ask for code actions.

const require = createRequire(import.meta.url);
const server = join(dirname(require.resolve('vscode-langservers-extracted/package.json')), 'bin/vscode-eslint-language-server');
const project = join(fixturesDir, 'editor-project');
const file = join(project, 'src/session.ts');
const fileUri = pathToFileURL(file).href;
const folderUri = pathToFileURL(project).href;

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string | { value: string };
  source?: string;
  message: string;
}

/** The settings the VS Code extension sends for a workspace folder. */
const settings = {
  validate: 'on',
  packageManager: 'npm',
  useESLintClass: false,
  useFlatConfig: true,
  experimental: {},
  codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
  codeActionOnSave: { enable: false, mode: 'all' },
  format: false,
  quiet: false,
  onIgnoredFiles: 'off',
  options: {},
  rulesCustomizations: [],
  run: 'onType',
  problems: { shortenToSingleLine: false },
  nodePath: null,
  workingDirectory: { mode: 'location' },
  workspaceFolder: { uri: folderUri, name: 'editor-project' },
};

describe('editor diagnostics through vscode-eslint-language-server', () => {
  let client: LspClient;
  let diagnostics: Diagnostic[];
  const appliedEdits: unknown[] = [];

  beforeAll(async () => {
    client = new LspClient(process.execPath, [server, '--stdio'], project, (method, params) => {
      if (method === 'workspace/configuration') return (params as { items: unknown[] }).items.map(() => settings);
      if (method === 'workspace/applyEdit') {
        appliedEdits.push(params);
        return { applied: true };
      }
      return null;
    });
    await client.request('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: 'editor-project' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: { publishDiagnostics: {}, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
      },
    });
    client.notify('initialized', {});
    const published = client.waitFor<{ uri: string; diagnostics: Diagnostic[] }>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === fileUri && p.diagnostics.length > 0,
      60_000,
    );
    client.notify('textDocument/didOpen', { textDocument: { uri: fileUri, languageId: 'typescript', version: 1, text: readFileSync(file, 'utf8') } });
    diagnostics = (await published).diagnostics;
  }, 90_000);

  afterAll(async () => {
    await client?.stop();
  });

  it('publishes our rule id and range', () => {
    const ours = diagnostics.filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'securestore/require-keychain-accessible');
    expect(ours).toHaveLength(1);
    // Line 5, `SecureStore.setItemAsync('session.id', id)` after `  return `.
    expect(ours[0]!.range).toEqual({ start: { line: 4, character: 9 }, end: { line: 4, character: 51 } });
    expect(ours[0]!.message).toContain('keychainAccessible');
  });

  it('offers our suggestion as a code action', async () => {
    const ours = diagnostics.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'securestore/require-keychain-accessible')!;
    const actions = await client.request<{ title: string; command?: { command: string; arguments?: unknown[] } }[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri },
      range: ours.range,
      context: { diagnostics: [ours], only: ['quickfix'] },
    });
    const suggestion = actions.find((a) => a.title.startsWith('Pass keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY.'));
    expect(suggestion, actions.map((a) => a.title).join(' | ')).toBeDefined();
    // The editor runs the action's command; the server answers with the edit to apply.
    await client.request('workspace/executeCommand', suggestion!.command);
    expect(JSON.stringify(appliedEdits)).toContain('{ keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }');
  });
});
