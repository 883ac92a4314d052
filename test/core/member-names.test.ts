import { describe, expect, it } from 'vitest';
import { prefilter } from '../../src/audit/project.js';
import { parseSource } from '../../src/core/parse.js';
import { syntaxIndex } from '../../src/core/syntax-index.js';

// A method call's name is checked against the member names of the files the
// caller's imports reach before its receiver is resolved (see
// ModuleHost.mayNameMember): each test holds one way of giving a member a
// name, and one way a name must not count.

const memberNames = (text: string) => [...syntaxIndex(parseSource('/app/x.ts', text)).memberNames].sort();

describe('the member names of a file', () => {
  it('has class members, object literal keys of each kind, and exported names', () => {
    const text = [
      'class Store { save() {} static load() {} token = () => 1; get ready() { return true; } set ready(v) {} }',
      "const api = { read: () => 1, write() {}, remove, 'quoted-key': fn, ['computed']: (fn as Saver), 42: function () {} };",
      'export { api as tokens };',
    ].join('\n');
    expect(memberNames(text)).toEqual(['42', 'computed', 'load', 'quoted-key', 'read', 'ready', 'remove', 'save', 'token', 'tokens', 'write']);
  });

  it('leaves out properties and fields whose value cannot be a function the lookups follow', () => {
    const text = "class Store { count = 1; items = []; pending; }\nconst styles = { padding: 16, label: { color: 'red' }, save: make(), load: api.load };";
    expect(memberNames(text)).toEqual([]);
  });

  it('has members assigned to a value, as methods added to a prototype', () => {
    expect(memberNames('MMKV.prototype.setAny = function () {};\nexports.save = save;')).toEqual(['save', 'setAny']);
  });

  it('has no name only used after a dot', () => {
    expect(memberNames('rows.push(1); res.json(); const n = Math.round(2);')).toEqual([]);
  });
});

const time = <T>(_phase: string, work: () => T) => work();

/** A project of files by absolute path, prefiltered as the CLI does. */
function hostOf(files: Record<string, string>) {
  return prefilter(new Map(Object.entries(files)), time).host;
}

describe('ProjectHost.mayNameMember', () => {
  const host = hostOf({
    '/app/screen.ts': [
      "import { tokens } from './tokens';",
      "import { format } from './format';",
      'export function Screen(rows: string[]) { rows.push(format()); tokens.save(); }',
    ].join('\n'),
    '/app/tokens.ts': [
      "import * as SecureStore from 'expo-secure-store';",
      "export const tokens = { save: () => SecureStore.setItemAsync('k', 'v'), ...more };",
      'MMKVLike.prototype.setAny = function () {};',
    ].join('\n'),
    // Reaches no API: nothing in it can be a wrapper.
    '/app/format.ts': 'export const helpers = { render() {} };\nexport function format() { return ""; }\n',
  });

  it('answers true for a member a reached module that may reach an API gives', () => {
    expect(host.mayNameMember('/app/screen.ts', 'save')).toBe(true);
    expect(host.mayNameMember('/app/screen.ts', 'setAny')).toBe(true);
  });

  it('answers true for a name the file itself declares', () => {
    expect(host.mayNameMember('/app/screen.ts', 'Screen')).toBe(true);
  });

  it('answers false for a name no reached module gives', () => {
    expect(host.mayNameMember('/app/screen.ts', 'push')).toBe(false);
    expect(host.mayNameMember('/app/screen.ts', 'more')).toBe(false);
  });

  it('answers false for a member only a module that reaches no API gives', () => {
    expect(host.mayNameMember('/app/screen.ts', 'render')).toBe(false);
  });

  it('answers true when a reached file cannot be walked: its names are unknown', () => {
    const deep = `export const x = ${'['.repeat(1200)}${']'.repeat(1200)};\nimport * as SecureStore from 'expo-secure-store';\n`;
    const withDeep = hostOf({ '/app/a.ts': "import { x } from './deep';\nx.anything();\n", '/app/deep.ts': deep });
    expect(withDeep.mayNameMember('/app/a.ts', 'anything')).toBe(true);
  });
});

describe('ProjectHost.mentions', () => {
  const host = hostOf({
    '/app/store.ts': "import { MMKV } from 'react-native-mmkv';\nexport const storage = new MMKV();\n",
    '/app/screen.ts': "import { storage } from './store';\nstorage.set('k', 'v');\n",
    // Reaches no API: what it names is not the app's storage.
    '/app/notes.ts': '// useAsyncStorage is not used here\nexport const notes = 1;\n',
  });

  it('finds a text a file that may reach an API holds', () => {
    expect(host.mentions('react-native-mmkv')).toBe(true);
  });

  it('does not find a text only a file that reaches no API holds', () => {
    expect(host.mentions('useAsyncStorage')).toBe(false);
  });
});
