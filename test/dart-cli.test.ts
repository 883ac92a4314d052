import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import securestore from 'securestore-audit/eslint-plugin';
import { runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// The CLI on Flutter apps and on repos with both an Expo and a Flutter app:
// real runs of the built CLI on small apps written to temp folders. The
// per-file rules' Dart checks are theirs to test; these hold the pipeline:
// discovery, the prefilter, loading, the app roots, suppressions, formats,
// baseline, cache and keys. A secret written and never deleted is the
// finding they watch (require-sign-out-cleanup, a project-wide rule).

const PUBSPEC = 'name: wallet_app\nenvironment:\n  sdk: ^3.4.0\n';
const IMPORT = "import 'package:flutter_secure_storage/flutter_secure_storage.dart';\n";
const STORAGE = 'const storage = FlutterSecureStorage(iOptions: IOSOptions(accessibility: KeychainAccessibility.first_unlock_this_device));\n';

/** A Dart file that writes `key` to secure storage (a secret by its name) and never deletes it. */
const writes = (key: string) => `${IMPORT}\n${STORAGE}\nFuture<void> save(String value) async {\n  await storage.write(key: '${key}', value: value);\n}\n`;
const deletes = (key: string) => `${IMPORT}\n${STORAGE}\nFuture<void> signOut() async {\n  await storage.delete(key: '${key}');\n}\n`;
/**
 * These small apps declare no key prefix: the prefix rule, whose Dart check is
 * test/dart/rules-on-facts.test.ts's, is off in them, so that the finding
 * watched here is the only one.
 */
const NO_PREFIX_RULE = { 'securestore-audit.config.json': '{ "rules": { "require-prefix-header": "off" } }' };
/** The line of the write in `writes(...)`. */
const WRITE_LINE = 6;

type Json = {
  filePath: string;
  messages: { line: number; column: number; ruleId: string | null; message: string; fatal?: boolean }[];
  suppressedMessages: { line: number; ruleId: string | null }[];
}[];

async function auditJson(cwd: string, args: string[] = []): Promise<{ code: number; found: string[]; json: Json; stderr: string }> {
  const run = await runCli(['--format', 'json', ...args], { cwd });
  expect([0, 1], run.stderr).toContain(run.code);
  const json = JSON.parse(run.stdout) as Json;
  const found = json.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(cwd.length + 1)}:${m.line} ${m.ruleId ?? m.message}`)).sort();
  return { code: run.code, found, json, stderr: run.stderr };
}

const execFileAsync = promisify(execFile);

const cleanup = (file: string, line = WRITE_LINE) => `${file}:${line} securestore/require-sign-out-cleanup`;

describe('discovery of Dart files', () => {
  const files = {
    ...NO_PREFIX_RULE,
    'pubspec.yaml': PUBSPEC,
    'lib/session.dart': writes('auth.session_token'),
    'lib/models/user.g.dart': writes('auth.g_token'),
    'lib/models/user.freezed.dart': writes('auth.freezed_token'),
    'lib/api.mocks.dart': writes('auth.mocks_token'),
    'lib/router.gr.dart': writes('auth.gr_token'),
    'lib/injection.config.dart': writes('auth.config_token'),
    '.dart_tool/build/generated/x.dart': writes('auth.tool_token'),
    'build/app/intermediates/y.dart': writes('auth.build_token'),
    'test/session_test.dart': writes('auth.test_token'),
    'test/helpers/fake_storage.dart': writes('auth.helper_token'),
    'integration_test/app_test.dart': writes('auth.integration_token'),
    'lib/session_test.dart': writes('auth.named_test_token'),
  };

  it('audits lib/ and leaves out generated files, .dart_tool, build and Dart tests', async () => {
    const cwd = tempProject(files);
    const { found, code } = await auditJson(cwd);
    expect(found).toEqual([cleanup('lib/session.dart')]);
    expect(code).toBe(0); // a warning
  });

  it('--include-tests brings the Dart tests back; generated files stay out', async () => {
    const cwd = tempProject(files);
    const { found } = await auditJson(cwd, ['--include-tests']);
    expect(found).toEqual(
      [
        cleanup('integration_test/app_test.dart'),
        cleanup('lib/session.dart'),
        cleanup('lib/session_test.dart'),
        cleanup('test/helpers/fake_storage.dart'),
        cleanup('test/session_test.dart'),
      ].sort(),
    );
  });

  it('a TypeScript file in test/ is not a test file (only Dart files are, there)', async () => {
    const ts = "import * as SecureStore from 'expo-secure-store';\nexport const save = (v: string) => SecureStore.setItemAsync('auth.ts_token', v);\n";
    const cwd = tempProject({ ...NO_PREFIX_RULE, 'package.json': '{"name":"x"}', 'test/setup.ts': ts });
    const { found } = await auditJson(cwd, ['--rule', 'require-sign-out-cleanup']);
    expect(found).toEqual(['test/setup.ts:2 securestore/require-sign-out-cleanup']);
  });

  it('a named .dart file is audited; a named non-source file is a usage error', async () => {
    const cwd = tempProject({ ...NO_PREFIX_RULE, 'pubspec.yaml': PUBSPEC, 'lib/session.dart': writes('auth.session_token') });
    const { found } = await auditJson(cwd, ['lib/session.dart']);
    expect(found).toEqual([cleanup('lib/session.dart')]);
    const run = await runCli(['pubspec.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('securestore-audit: pubspec.yaml: not a JavaScript, TypeScript or Dart source file\n');
  });
});

describe('the prefilter and --debug', () => {
  it('parses only the Dart files that name a storage or authentication type, and says how many', async () => {
    const cwd = tempProject({
      ...NO_PREFIX_RULE,
      'pubspec.yaml': PUBSPEC,
      'lib/session.dart': writes('auth.session_token'),
      'lib/widgets/button.dart': "import 'package:flutter/material.dart';\n\nclass Button extends StatelessWidget {}\n",
      'lib/util/strings.dart': "String shout(String s) => s.toUpperCase(); // '// FlutterSecure' is no type name\n",
    });
    const run = await runCli(['--debug', '--format', 'json'], { cwd });
    expect(run.stderr).toMatch(
      /3 files found, 3 read, 1 relevant, 1 parsed, 2 skipped without parsing; Dart: 3 files read, 1 parsed, 2 skipped without parsing\n/,
    );
    expect(run.stderr).toMatch(/ {2}load dart parser +\d+\.\d ms/);
    // The parse count of --debug's phases counts the Dart files too.
    expect(run.stderr).toMatch(/ {2}parsedFiles +1\n/);
  });

  it('a file with syntax errors still gets its facts, and --debug says it was recovered', async () => {
    const broken = `${writes('auth.session_token')}\nclass Broken {\n  void f( {\n`;
    const cwd = tempProject({ ...NO_PREFIX_RULE, 'pubspec.yaml': PUBSPEC, 'lib/session.dart': broken });
    const run = await runCli(['--debug', '--format', 'json'], { cwd });
    expect(run.stderr).toMatch(/Dart: 1 files read, 1 parsed, 0 skipped without parsing, 1 with syntax errors \(recovered/);
    const { found } = await auditJson(cwd);
    expect(found).toEqual([cleanup('lib/session.dart')]);
  });

  it('parses each Dart file once: a relevant file read for its summary, an imported library, a caller of a wrapper with null', async () => {
    // storage.dart declares the store session.dart reaches (summary, then analysis); keys.dart holds the key and deletes it through saveSession(null).
    const cwd = tempProject({
      ...NO_PREFIX_RULE,
      'pubspec.yaml': PUBSPEC,
      'lib/storage.dart': `${IMPORT}\nfinal secureStorage = ${STORAGE.slice('const storage = '.length)}`,
      'lib/session.dart':
        "import 'keys.dart';\nimport 'storage.dart';\n\nFuture<void> saveSession(String? token) => secureStorage.write(key: sessionKey, value: token);\n",
      'lib/keys.dart': "import 'session.dart';\n\nconst sessionKey = 'auth.session_token';\n\nFuture<void> forget() => saveSession(null);\n",
    });
    const run = await runCli(['--debug', '--format', 'json'], { cwd });
    expect(run.stderr).toMatch(/; Dart: 3 files read, 3 parsed, 0 skipped without parsing\n/);
    // The key is written, and deleted by the null: the facts of all three files met.
    expect(JSON.parse(run.stdout).flatMap((r: Json[number]) => r.messages)).toEqual([]);
  });
});

describe('loading the parser', () => {
  // Counts WebAssembly compilations in the real process: the Dart runtime and grammar are the CLI's only WebAssembly.
  const preload = tempProject({
    ...NO_PREFIX_RULE,
    'count-wasm.cjs': `let n = 0;
for (const name of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) { n++; return original.apply(this, args); };
}
process.on('exit', () => {
  process.stderr.write('wasm compilations: ' + n + '\\n');
  // The front-end that reads Dart trees is a chunk of its own, loaded with the parser.
  const frontEnd = Object.keys(require.cache).some((file) => file.endsWith('front-end.cjs'));
  process.stderr.write('Dart front-end loaded: ' + frontEnd + '\\n');
});
`,
  });
  const env = { NODE_OPTIONS: `--require ${join(preload, 'count-wasm.cjs')}` };

  it('an Expo-only run never loads web-tree-sitter nor the Dart front-end; a run with a Dart file to parse does', async () => {
    const expo = tempProject({
      ...NO_PREFIX_RULE,
      'package.json': '{"name":"x"}',
      'storage.ts': "import * as SecureStore from 'expo-secure-store';\nexport const save = (v: string) => SecureStore.setItemAsync('auth.ts_token', v);\n",
      'lib/notes.dart': 'String title() => "no storage here";\n',
    });
    const tsRun = await runBinary(['--format', 'json'], { cwd: expo, env });
    expect(tsRun.stderr).toBe('wasm compilations: 0\nDart front-end loaded: false\n');
    const flutter = tempProject({ ...NO_PREFIX_RULE, 'pubspec.yaml': PUBSPEC, 'lib/session.dart': writes('auth.session_token') });
    const dartRun = await runBinary(['--format', 'json'], { cwd: flutter, env });
    expect(dartRun.stderr).toMatch(/^wasm compilations: [1-9]\d*\nDart front-end loaded: true\n$/);
    expect(JSON.parse(dartRun.stdout)).toHaveLength(1);
  });

  it('the programmatic audit() says a Dart file is not analysed until the parser is loaded; auditAsync() loads it', async () => {
    const cwd = tempProject({ ...NO_PREFIX_RULE, 'pubspec.yaml': PUBSPEC, 'lib/session.dart': writes('auth.session_token') });
    const script = tempProject({
      'run.mjs': `import { audit, auditAsync } from ${JSON.stringify(join(process.cwd(), 'dist/src/index.js'))};
const messages = (result) => result.files.flatMap((f) => f.findings.map((x) => x.ruleId ?? x.message));
const cwd = ${JSON.stringify(cwd)};
console.log(JSON.stringify({ sync: messages(audit({ cwd })), async: messages(await auditAsync({ cwd })), after: messages(audit({ cwd })) }));
`,
    });
    const run = await execFileAsync(process.execPath, [join(script, 'run.mjs')]);
    const { sync, async, after } = JSON.parse(run.stdout) as Record<string, string[]>;
    expect(sync).toEqual([expect.stringMatching(/^Not analysed: the Dart parser is not loaded\./)]);
    expect(async).toEqual(['securestore/require-sign-out-cleanup']);
    expect(after).toEqual(['securestore/require-sign-out-cleanup']);
  });

  it('the programmatic audit() analyses Dart files once the exported loadDartParser() has completed', async () => {
    const cwd = tempProject({ ...NO_PREFIX_RULE, 'pubspec.yaml': PUBSPEC, 'lib/session.dart': writes('auth.session_token') });
    const script = tempProject({
      'run.mjs': `import { audit, loadDartParser } from ${JSON.stringify(join(process.cwd(), 'dist/src/index.js'))};
await loadDartParser();
console.log(JSON.stringify(audit({ cwd: ${JSON.stringify(cwd)} }).files.flatMap((f) => f.findings.map((x) => x.ruleId ?? x.message))));
`,
    });
    const run = await execFileAsync(process.execPath, [join(script, 'run.mjs')]);
    expect(JSON.parse(run.stdout)).toEqual(['securestore/require-sign-out-cleanup']);
  });
});

describe('project-wide rules per app root', () => {
  it("one Flutter app's delete does not clean up another's key; an Expo app's neither", async () => {
    const cwd = tempProject({
      ...NO_PREFIX_RULE,
      'apps/wallet/pubspec.yaml': PUBSPEC,
      'apps/wallet/lib/session.dart': writes('auth.session_token'),
      'apps/admin/pubspec.yaml': 'name: admin_app\n',
      'apps/admin/lib/sign_out.dart': deletes('auth.session_token'),
      'apps/expo/package.json': '{"name":"expo-app"}',
      'apps/expo/signOut.ts':
        "import * as SecureStore from 'expo-secure-store';\nexport const signOut = () => SecureStore.deleteItemAsync('auth.session_token');\n",
    });
    const { found } = await auditJson(cwd, ['--rule', 'require-sign-out-cleanup']);
    expect(found).toEqual([cleanup('apps/wallet/lib/session.dart')]);
  });

  it('within one app, a delete in another file cleans the key up', async () => {
    const cwd = tempProject({
      ...NO_PREFIX_RULE,
      'pubspec.yaml': PUBSPEC,
      'lib/session.dart': writes('auth.session_token'),
      'lib/auth/sign_out.dart': deletes('auth.session_token'),
    });
    const { found } = await auditJson(cwd, ['--rule', 'require-sign-out-cleanup']);
    expect(found).toEqual([]);
  });
});

describe('suppressions in Dart comments', () => {
  const withComment = (key: string, comment: string, trailing = '') =>
    `${IMPORT}\n${STORAGE}\nFuture<void> save(String value) async {\n  ${comment}\n  await storage.write(key: '${key}', value: value);${trailing}\n}\n`;

  it('disable-next-line, disable-line and block disable/enable suppress a Dart finding', async () => {
    const cwd = tempProject({
      ...NO_PREFIX_RULE,
      'pubspec.yaml': PUBSPEC,
      'lib/a.dart': withComment('auth.a_token', '// securestore-audit-disable-next-line require-sign-out-cleanup -- cleared by the server'),
      'lib/b.dart': withComment('auth.b_token', '// nothing here', ' // securestore-audit-disable-line require-sign-out-cleanup'),
      'lib/c.dart': `/* securestore-audit-disable require-sign-out-cleanup */\n${writes('auth.other_token')}/* securestore-audit-enable */\n`,
    });
    const { found, json } = await auditJson(cwd);
    expect(found).toEqual([]);
    const suppressed = json.flatMap((r) => r.suppressedMessages.map((m) => `${r.filePath.slice(cwd.length + 1)}:${m.line} ${m.ruleId}`)).sort();
    expect(suppressed).toEqual([cleanup('lib/a.dart', 7), cleanup('lib/b.dart', 7), cleanup('lib/c.dart', 7)]);
  });

  it('a directive inside a string is no directive; an unused one is reported', async () => {
    const cwd = tempProject({
      ...NO_PREFIX_RULE,
      'pubspec.yaml': PUBSPEC,
      'lib/a.dart': withComment('auth.a_token', "const note = 'http://x // securestore-audit-disable-next-line require-sign-out-cleanup';"),
      'lib/b.dart': `// securestore-audit-disable-next-line require-sign-out-cleanup\nconst unrelated = 1;\n${IMPORT}${STORAGE}`,
    });
    const { found } = await auditJson(cwd);
    expect(found).toEqual([
      cleanup('lib/a.dart', 7),
      "lib/b.dart:1 Unused securestore-audit-disable-next-line directive (no problems were reported from 'securestore/require-sign-out-cleanup').",
    ]);
  });
});

describe('formats, baseline, cache and keys on Dart files', () => {
  const app = () => tempProject({ ...NO_PREFIX_RULE, 'pubspec.yaml': PUBSPEC, 'lib/session.dart': writes('auth.session_token') });

  it('sarif and github name the Dart file and line', async () => {
    const cwd = app();
    const sarif = JSON.parse((await runCli(['--format', 'sarif'], { cwd })).stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const [result] = sarif.runs[0]!.results;
    expect(result!.ruleId).toBe('securestore/require-sign-out-cleanup');
    expect(result!.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/(^|\/)lib\/session\.dart$/);
    expect(result!.locations[0]!.physicalLocation.region.startLine).toBe(WRITE_LINE);
    const github = (await runCli(['--format', 'github'], { cwd })).stdout;
    expect(github).toMatch(new RegExp(`^::warning file=lib/session\\.dart,line=${WRITE_LINE},`, 'm'));
    const stylish = (await runCli(['--format', 'stylish'], { cwd })).stdout;
    expect(stylish).toContain("await storage.write(key: 'auth.session_token', value: value);");
  });

  it('a baseline keeps a Dart finding from being reported, and not a new one', async () => {
    const cwd = app();
    const update = await runCli(['--update-baseline'], { cwd });
    expect(update.stderr).toBe('securestore-audit: wrote 1 findings to securestore-audit-baseline.json\n');
    expect((await auditJson(cwd, ['--baseline', 'securestore-audit-baseline.json'])).found).toEqual([]);
    writeFileSync(join(cwd, 'lib/other.dart'), writes('auth.other_token'));
    expect((await auditJson(cwd, ['--baseline', 'securestore-audit-baseline.json'])).found).toEqual([cleanup('lib/other.dart')]);
  });

  it('--cache gives the same answer, and sees an edit of a Dart file', async () => {
    const cwd = app();
    writeFileSync(join(cwd, 'lib/sign_out.dart'), deletes('auth.unrelated_token'));
    const first = await auditJson(cwd, ['--cache']);
    expect(first.found).toEqual([cleanup('lib/session.dart')]);
    const second = await auditJson(cwd, ['--cache']);
    expect(second.found).toEqual(first.found);
    // The delete now names the key: the other file's finding goes, though that file did not change.
    writeFileSync(join(cwd, 'lib/sign_out.dart'), deletes('auth.session_token'));
    const third = await runCli(['--cache', '--debug', '--format', 'json'], { cwd });
    expect(JSON.parse(third.stdout).flatMap((r: Json[number]) => r.messages)).toEqual([]);
    expect(third.stderr).toMatch(/cache: 1 relevant files reused, 1 analysed/);
  });

  it('--cache sees an edit of a file that only holds the key constant a cached file imports', async () => {
    const cwd = app();
    writeFileSync(join(cwd, 'lib/keys.dart'), "const sessionKey = 'auth.unrelated_token';\n");
    writeFileSync(
      join(cwd, 'lib/sign_out.dart'),
      deletes('auth.session_token').replace("'auth.session_token'", 'sessionKey').replace(IMPORT, `${IMPORT}import 'keys.dart';\n`),
    );
    expect((await auditJson(cwd, ['--cache'])).found).toEqual([cleanup('lib/session.dart')]);
    // keys.dart names no package type: it is not audited, but sign_out.dart's delete reads it.
    writeFileSync(join(cwd, 'lib/keys.dart'), "const sessionKey = 'auth.session_token';\n");
    expect((await auditJson(cwd, ['--cache'])).found).toEqual([]);
    expect((await auditJson(cwd, [])).found).toEqual([]);
  });

  it('--cache sees an edit of a file that only calls the wrapper with null (not audited, no package import)', async () => {
    const cwd = app();
    writeFileSync(join(cwd, 'lib/session.dart'), writes('auth.session_token').replace('String value', 'String? value'));
    const signOut = (value: string) => `import 'session.dart';\n\nFuture<void> signOut() => save(${value});\n`;
    writeFileSync(join(cwd, 'lib/sign_out.dart'), signOut('null'));
    expect((await auditJson(cwd, ['--cache'])).found).toEqual([]);
    // No null any more: nothing deletes the key, though the only audited file did not change.
    writeFileSync(join(cwd, 'lib/sign_out.dart'), signOut("''"));
    expect((await auditJson(cwd, ['--cache'])).found).toEqual([cleanup('lib/session.dart')]);
    writeFileSync(join(cwd, 'lib/sign_out.dart'), signOut('null'));
    expect((await auditJson(cwd, ['--cache'])).found).toEqual([]);
  });

  it('a Dart file over --max-file-size is skipped; a binary one too, with a one-line note', async () => {
    const cwd = app();
    writeFileSync(join(cwd, 'lib/blob.dart'), Buffer.from([0x63, 0x6f, 0, 0x6e]));
    const { found } = await auditJson(cwd, ['--max-file-size', '100']);
    expect(found).toEqual([
      'lib/blob.dart:1 File skipped: binary content (NUL bytes), not Dart source.',
      expect.stringMatching(/^lib\/session\.dart:1 File skipped: \d+(\.\d)? KB is larger than --max-file-size \(0\.1 KB\)\.$/),
    ]);
  });

  it('--fix fixes the TypeScript file of a mixed repo and leaves the Dart file as it was', async () => {
    const dart = writes('auth.session_token');
    const ts = "import * as SecureStore from 'expo-secure-store';\nexport const signOut = () => SecureStore.deleteItemAsync('auth.other');\n";
    const cwd = tempProject({ 'flutter/pubspec.yaml': PUBSPEC, 'flutter/lib/session.dart': dart, 'expo/package.json': '{"name":"x"}', 'expo/signOut.ts': ts });
    const run = await runCli(['--fix', '--format', 'json'], { cwd });
    expect(run.stderr).toBe('');
    expect(readFileSync(join(cwd, 'flutter/lib/session.dart'), 'utf8')).toBe(dart);
    expect(readFileSync(join(cwd, 'expo/signOut.ts'), 'utf8')).not.toBe(ts); // the prefix header was inserted
    const found = (JSON.parse(run.stdout) as Json).flatMap((r) => r.messages.map((m) => `${r.filePath.slice(cwd.length + 1)}:${m.line} ${m.ruleId}`));
    // The Dart file keeps its findings: its missing prefix header has no fix on Dart.
    expect(found.sort()).toEqual([`flutter/lib/session.dart:${WRITE_LINE} securestore/require-prefix-header`, cleanup('flutter/lib/session.dart')]);
  });

  it('hostile Dart files: 10,000-deep nesting, invalid UTF-8, a 5 MB generated file; each said so in one line or analysed', async () => {
    const deep = (open: string, close: string) => `${open.repeat(10_000)}1${close.repeat(10_000)}`;
    const cwd = tempProject({
      ...NO_PREFIX_RULE,
      'pubspec.yaml': PUBSPEC,
      'lib/deep.dart': `${IMPORT}\n${STORAGE}\nvar nested = ${deep('(', ')')};\nFuture<void> save(String value) async {\n  await storage.write(key: 'auth.deep_token', value: value);\n}\n`,
      'lib/huge.dart': `${writes('auth.huge_token')}\n${'final List<int> table = [1, 2, 3];\n'.repeat(150_000)}`,
    });
    writeFileSync(
      join(cwd, 'lib/latin1.dart'),
      Buffer.concat([
        Buffer.from(`${IMPORT}// caf`),
        Buffer.from([0xe9, 0xff]),
        Buffer.from(`\n${STORAGE}\nFuture<void> save(String value) async {\n  await storage.write(key: 'auth.latin1_token', value: value);\n}\n`),
      ]),
    );
    const { found } = await auditJson(cwd);
    expect(found).toEqual([
      'lib/deep.dart:7 securestore/require-sign-out-cleanup',
      expect.stringMatching(/^lib\/huge\.dart:1 File skipped: 5\.\d MB is larger than --max-file-size \(1\.0 MB\)\.$/),
      'lib/latin1.dart:6 securestore/require-sign-out-cleanup',
    ]);
  });

  it('keys lists the Dart keys', async () => {
    const cwd = app();
    const run = await runCli(['keys', '--format', 'json'], { cwd });
    const entries = JSON.parse(run.stdout) as { key: string; store: string; sites: { operation: string; file: string; line: number }[] }[];
    expect(entries).toEqual([
      {
        key: 'auth.session_token',
        pattern: false,
        store: 'flutter-secure-storage',
        sites: [{ operation: 'write', file: 'lib/session.dart', line: WRITE_LINE, method: 'write' }],
      },
    ]);
  });
});

describe('the ESLint plugin', () => {
  it("its configs' files do not match .dart files", () => {
    for (const preset of ['recommended', 'strict'] as const) {
      const files: string[] = (securestore.configs[preset].files ?? []).flat();
      expect(files.length).toBeGreaterThan(0);
      expect(files.some((glob) => picomatch(glob)('lib/main.dart'))).toBe(false);
      expect(files.some((glob) => picomatch(glob)('lib/main.ts'))).toBe(true);
    }
  });
});

// So an edit of the Dart snippets above that moves the write shows here, not as a puzzling line number.
it('WRITE_LINE is the line of the write', () => {
  expect(writes('k').split('\n')[WRITE_LINE - 1]).toBe("  await storage.write(key: 'k', value: value);");
});
