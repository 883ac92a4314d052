import { describe, expect, it } from 'vitest';
import { openProject } from '../../src/audit/project.js';
import { FileModel } from '../../src/core/model.js';
import { projectFile } from '../../src/core/project-file.js';

// The CLI lets a file's syntax tree go once the file's own rules have run,
// and the project-wide rules then work from plain records (ProjectFile).
// These tests hold both halves: which trees may go, and that the records
// keep no tree alive.

const time = <T>(_phase: string, work: () => T): T => work();

const texts = () =>
  new Map([
    [
      '/app/lib/vault.ts',
      [
        "import * as SecureStore from 'expo-secure-store';",
        'export async function save(key: string, value: string) { await SecureStore.setItemAsync(key, value); }',
        'export async function wipe(key: string) { await SecureStore.deleteItemAsync(key); }',
        'export async function clearAll(keys: string[]) { for (const k of keys) await SecureStore.deleteItemAsync(k); }',
      ].join('\n'),
    ],
    [
      '/app/screens/Login.tsx',
      [
        '// SecureStore prefix: auth.*',
        "import { save, wipe } from '../lib/vault';",
        "import * as SecureStore from 'expo-secure-store';",
        "export async function login(token: string) { await save('auth.token', token); }",
        "export async function logout() { await wipe('auth.token'); }",
        'export async function peek(id: string) { return SecureStore.getItemAsync(`auth.${id}`, { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }); }',
      ].join('\n'),
    ],
    ['/app/screens/About.ts', 'export const about = 1;\n'],
  ]);

/** Every object reachable from `root` that is a syntax node or a file model, by where it was found. */
function treesReachable(root: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (value instanceof FileModel) return void found.push(`${path} (a file model)`);
    const maybeNode = value as { kind?: unknown; pos?: unknown; end?: unknown; flags?: unknown };
    if (typeof maybeNode.kind === 'number' && typeof maybeNode.pos === 'number' && typeof maybeNode.end === 'number' && typeof maybeNode.flags === 'number') {
      return void found.push(`${path} (a syntax node)`);
    }
    const entries = value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value].map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) visit(child, `${path}.${String(key)}`);
  };
  visit(root, 'file');
  return found;
}

describe('the project files of the CLI', () => {
  it('are the relevant files in path order; a file another relevant file imports is not a leaf', () => {
    const project = openProject(texts(), time);
    expect(project.files).toEqual(['/app/lib/vault.ts', '/app/screens/Login.tsx']);
    expect(project.isLeaf('/app/lib/vault.ts')).toBe(false);
    expect(project.isLeaf('/app/screens/Login.tsx')).toBe(true);
  });

  it('a released tree is parsed again if it is asked for after all, and analysed the same', () => {
    const project = openProject(texts(), time);
    const first = project.parse('/app/screens/Login.tsx');
    expect(first && 'model' in first).toBe(true);
    const before = projectFile((first as { model: FileModel }).model);
    const parses = project.host.parseCount;
    project.release('/app/screens/Login.tsx');
    const again = project.parse('/app/screens/Login.tsx') as { model: FileModel };
    expect(project.host.parseCount).toBe(parses + 1);
    expect(again.model.sf).not.toBe((first as { model: FileModel }).model.sf);
    const after = projectFile(again.model);
    expect(after.keyUsages.map((u) => [u.keyText, u.operation, u.start, u.end, u.line])).toEqual(
      before.keyUsages.map((u) => [u.keyText, u.operation, u.start, u.end, u.line]),
    );
  });

  it('what the project-wide rules get of a file holds no syntax tree and no model', () => {
    const project = openProject(texts(), time);
    const records = project.files.map((file) => projectFile((project.parse(file) as { model: FileModel }).model));
    const login = records[1]!;
    // The record is not empty: keys through the wrapper, its own read, and the wrapper's unknown keys.
    expect(login.keyUsages.map((u) => `${u.operation} ${u.keyText}${u.via ? ` via ${u.via.path}` : ''}`)).toEqual([
      'read auth.${…}',
      'write auth.token via save() → SecureStore.setItemAsync',
      'delete auth.token via wipe() → SecureStore.deleteItemAsync',
    ]);
    expect(login.reachedWrapperCalls).toHaveLength(2);
    expect(records[0]!.opaqueOperations.map((op) => op.operation)).toEqual(['write', 'delete', 'delete']);
    for (const record of records) expect(treesReachable(record)).toEqual([]);
  });
});
