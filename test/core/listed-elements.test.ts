import { describe, expect, it } from 'vitest';
import { ts } from '../../src/core/ts.js';
import type { ArgumentSource } from '../../src/core/api-call.js';
import { describeString } from '../../src/core/values.js';
import { elementPairs } from '../../src/core/element-pairs.js';
import { findStorageCalls, storageSummary } from '../../src/core/storage-summaries.js';
import { holdsPlaintextMmkv } from '../../src/core/mmkv-instance.js';
import type { FileModel } from '../../src/core/model.js';
import { memoryWorkspace } from '../helpers/memory-workspace.js';
import { fnNamed } from '../helpers/function-named.js';

// Wrappers that write each element of a list they are given, the lists their
// callers pass, and stores held in a `let` or a property set elsewhere.

const MMKV_IMPORT = `import { MMKV } from 'react-native-mmkv';\n`;

/** The initializer of `const probe = …` in a file: the expression a test asks about. */
function probe(file: FileModel): ts.Expression {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'probe') found = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(file.sf);
  return found!;
}

function holds(source: string, others: Record<string, string> = {}): boolean {
  const { file } = memoryWorkspace({ '/a.ts': MMKV_IMPORT + source, ...others });
  const a = file('/a.ts');
  return holdsPlaintextMmkv(probe(a), a);
}

describe('stores held in a let or a property', () => {
  it('take a `let` given a plaintext instance in every branch as plaintext', () => {
    expect(holds(`function f(id?: string) { let box: MMKV; if (id) box = new MMKV({ id }); else box = new MMKV(); const probe = box; }`)).toBe(true);
  });

  it('leave a `let` unknown when one branch encrypts, or one value is unknown or written some other way', () => {
    expect(
      holds(`function f(id: string, k: string) { let box: MMKV; if (id) box = new MMKV({ id, encryptionKey: k }); else box = new MMKV(); const probe = box; }`),
    ).toBe(false);
    expect(holds(`function f(open: () => MMKV) { let box: MMKV = new MMKV(); box = open(); const probe = box; }`)).toBe(false);
    expect(holds(`function f(list: MMKV[]) { let box: MMKV = new MMKV(); [box] = list; const probe = box; }`)).toBe(false);
    expect(holds(`function f(list: MMKV[]) { let box: MMKV | undefined; for (box of list) {} const probe = box; }`)).toBe(false);
  });

  it('take a constant object property given only plaintext instances or nothing as plaintext, in its own file and the asking one', () => {
    const vaults = `${MMKV_IMPORT}export const vaults: { current?: MMKV } = { current: undefined };
export function open(id: string) { const box = new MMKV({ id }); vaults.current = box; }
export function close() { delete vaults.current; }`;
    expect(holds(`import { vaults } from './vaults';\nconst probe = vaults.current;`, { '/vaults.ts': vaults })).toBe(true);
    expect(
      holds(`import { vaults } from './vaults';\nvaults.current = new MMKV({ id: 'x', encryptionKey: 'k' });\nconst probe = vaults.current;`, {
        '/vaults.ts': vaults,
      }),
    ).toBe(false);
  });

  it('leave a property unknown when it is never given an instance, or written in a way that cannot be read', () => {
    expect(holds(`const vaults: { current?: MMKV } = {};\nconst probe = vaults.current;`)).toBe(false);
    expect(holds(`const vaults = { current: new MMKV() };\nObject.assign(vaults, { current: other });\nconst probe = vaults.current;`)).toBe(false);
    expect(holds(`const vaults = { current: new MMKV() };\nfunction set(name: 'current', v: MMKV) { vaults[name] = v; }\nconst probe = vaults.current;`)).toBe(
      false,
    );
    expect(holds(`const base = { current: new MMKV() };\nconst vaults = { ...base };\nconst probe = vaults.current;`)).toBe(false);
  });
});

/** How a source reads in a summary: `element 0 key`, `parameter 1`, `fixed checkValue()`. */
function describeSource(source: ArgumentSource): string {
  if (source.kind === 'element') return `element ${source.index} ${source.field}`;
  if (source.kind === 'parameter') return `parameter ${source.index}`;
  return source.kind === 'fixed' ? `fixed ${source.expr.getText()}` : 'absent';
}

function summary(source: string, name: string): string[] {
  const { file } = memoryWorkspace({ '/w.ts': MMKV_IMPORT + `const store = new MMKV();\n` + source });
  const w = file('/w.ts');
  return storageSummary(fnNamed(w, name), w).map((f) => `${f.call.apiName} key=${describeSource(f.key)} value=${describeSource(f.value)}`);
}

describe('wrappers that write each element of a list', () => {
  it('summarise the fields of each element as key and value, whichever way the loop reads them', () => {
    expect(summary(`function w(pairs: { key: string; value: string }[]) { for (const { key, value } of pairs) store.set(key, value); }`, 'w')).toEqual([
      'MMKV.set key=element 0 key value=element 0 value',
    ]);
    expect(
      summary(`function w(x: number, pairs: { name: string; text: string }[]) { for (const pair of pairs) store.set(pair.name, pair.text); }`, 'w'),
    ).toEqual(['MMKV.set key=element 1 name value=element 1 text']);
    expect(summary(`function w(pairs: { key: string; value: string }[]) { pairs.forEach(({ key: k, value }) => store.set(k, value)); }`, 'w')).toEqual([
      'MMKV.set key=element 0 key value=element 0 value',
    ]);
  });

  it('keep a value the wrapper computes, or one read in another loop, as the wrapper wrote it', () => {
    expect(
      summary(`function w(pairs: { key: string; value: unknown }[]) { for (const { key, value } of pairs) store.set(key, JSON.stringify(value)); }`, 'w'),
    ).toEqual(['MMKV.set key=element 0 key value=fixed JSON.stringify(value)']);
    expect(
      summary(`function w(pairs: { key: string; value: string }[]) { for (const a of pairs) for (const b of pairs) store.set(a.key, b.value); }`, 'w'),
    ).toEqual(['MMKV.set key=element 0 key value=fixed b.value']);
  });

  it('pass the elements through a wrapper of the wrapper that hands on its own list', () => {
    const source = `function inner(pairs: { key: string; value: string }[]) { for (const { key, value } of pairs) store.set(key, value); }
function outer(flag: boolean, pairs: { key: string; value: string }[]) { inner(pairs); }
function fixedList(token: string) { inner([{ key: 'auth.token', value: token }]); }`;
    expect(summary(source, 'outer')).toEqual(['MMKV.set key=element 1 key value=element 1 value']);
    // A list the wrapper writes itself is checked at its own call of the inner wrapper.
    expect(summary(source, 'fixedList')).toEqual(['MMKV.set key=absent value=absent']);
  });

  it('give callers the list they pass, with the fields of key and value', () => {
    const { file } = memoryWorkspace({
      '/w.ts':
        MMKV_IMPORT +
        `const store = new MMKV();\nexport function w(pairs: { key: string; value: string }[]) { for (const { key, value } of pairs) store.set(key, value); }`,
      '/c.ts': `import { w } from './w';\nw([{ key: 'auth.token', value: 't' }]);`,
    });
    const [call] = findStorageCalls(file('/c.ts'));
    expect(call?.via?.elements && { list: call.via.elements.list.getText(), key: call.via.elements.key, value: call.via.elements.value }).toEqual({
      list: "[{ key: 'auth.token', value: 't' }]",
      key: 'key',
      value: 'value',
    });
  });
});

function pairs(source: string): string[] {
  const { file } = memoryWorkspace({ '/c.ts': source });
  const c = file('/c.ts');
  return elementPairs(probe(c), c, 'key', 'value').map((p) => `${p.key ? describeString(p.key) : '?'}=${p.value ? p.value.expr.getText() : '?'}`);
}

describe('the lists callers pass', () => {
  it('read an array of object literals, through constants', () => {
    expect(pairs(`const KEY = 'auth.token';\nconst probe = [{ key: KEY, value: token }, { key: 'ui.theme', value: theme }];`)).toEqual([
      'auth.token=token',
      'ui.theme=theme',
    ]);
  });

  it('read Object.keys / Object.entries of a constant object mapped to pairs', () => {
    const object = `const session = { 'auth.token': token, 'auth.host': host };\n`;
    expect(pairs(object + `const probe = Object.keys(session).map((k) => ({ key: k, value: session[k] }));`)).toEqual(['auth.token=token', 'auth.host=host']);
    expect(pairs(object + `const probe = Object.entries(session).map(([k, v]) => { return { key: k, value: v }; });`)).toEqual([
      'auth.token=token',
      'auth.host=host',
    ]);
    // A key the callback computes, or a value from elsewhere, is unknown.
    expect(pairs(object + `const probe = Object.keys(session).map((k) => ({ key: 'x.' + k, value: other[k] }));`)).toEqual(['?=?', '?=?']);
  });

  it('give no pair for an element the code does not show', () => {
    expect(pairs(`const probe = [fetched, ...more, { value: token }];`)).toEqual([]);
    expect(pairs(`const probe = Object.keys(fetched).map((k) => ({ key: k, value: fetched[k] }));`)).toEqual([]);
  });
});
