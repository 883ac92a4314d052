import { describe, expect, it } from 'vitest';
import { ts } from '../../src/core/ts.js';
import { isFunctionNode, type FunctionNode } from '../../src/core/ast.js';
import { routeTo } from '../../src/core/route-conditions.js';
import { evaluateRoute, testString, type Route } from '../../src/core/route.js';
import { findWrapperCalls, routedWrapperCalls, storageSummary } from '../../src/core/storage-summaries.js';
import { keyUsages, opaqueOperations } from '../../src/core/key-usage.js';
import { memoryWorkspace } from '../helpers/memory-workspace.js';

const exact = (value: string) => ({ kind: 'exact' as const, value });
const keyTest = (texts: string[] | undefined): Route => ({
  kind: 'test',
  subject: { kind: 'parameter', index: 0 },
  test: { kind: 'some', method: 'equals', texts },
});
const FREE: Route = { kind: 'free' };

describe('route evaluation', () => {
  const withKey = (key: string | undefined) => (index: number) => (index === 0 && key !== undefined ? exact(key) : undefined);

  it('takes a route whose tests the key passes, and not one it fails', () => {
    expect(evaluateRoute(keyTest(['a', 'b']), withKey('b'))).toBe('taken');
    expect(evaluateRoute(keyTest(['a', 'b']), withKey('c'))).toBe('not-taken');
    expect(evaluateRoute({ kind: 'not', operand: keyTest(['a']) }, withKey('a'))).toBe('not-taken');
    expect(evaluateRoute(undefined, withKey(undefined))).toBe('taken');
  });

  it('does not know a route for an unknown key or unknown list contents', () => {
    expect(evaluateRoute(keyTest(['a']), withKey(undefined))).toBe('unknown');
    expect(evaluateRoute(keyTest(undefined), withKey('a'))).toBe('unknown');
  });

  it('keeps both branches of a condition that does not test the key, whatever the key', () => {
    // `if (isSecure(key) && Platform.OS !== 'web') Secure… else Async…`
    const secure: Route = { kind: 'and', operands: [keyTest(['token']), FREE] };
    const plain: Route = { kind: 'not', operand: secure };
    expect(evaluateRoute(secure, withKey('token'))).toBe('taken');
    expect(evaluateRoute(plain, withKey('token'))).toBe('taken');
    expect(evaluateRoute(secure, withKey('theme'))).toBe('not-taken');
    expect(evaluateRoute(plain, withKey('theme'))).toBe('taken');
    // With an unknown key, the else branch runs on the web whatever the key: taken; the SecureStore one is unknown.
    expect(evaluateRoute(secure, withKey(undefined))).toBe('unknown');
    expect(evaluateRoute(plain, withKey(undefined))).toBe('taken');
  });

  it('settles tests of a pattern key by its literal parts, and leaves the rest unknown', () => {
    const pattern = { kind: 'pattern' as const, parts: ['auth.', null] };
    expect(testString({ kind: 'some', method: 'startsWith', texts: ['auth.'] }, pattern)).toBe(true);
    expect(testString({ kind: 'some', method: 'startsWith', texts: ['prefs.'] }, pattern)).toBe(false);
    expect(testString({ kind: 'some', method: 'includes', texts: ['token'] }, pattern)).toBeUndefined();
    expect(testString({ kind: 'some', method: 'equals', texts: ['prefs.theme'] }, pattern)).toBe(false);
    expect(testString({ kind: 'some', method: 'equals', texts: ['auth.x'] }, pattern)).toBeUndefined();
    expect(testString({ kind: 'regex', source: '^[\\w.-]+$', flags: '' }, exact('@auth_token'))).toBe(false);
  });
});

/** The verdict for `key` of the route to `sink()` in `function w(key) { … }`. */
function verdict(body: string, key: string | undefined, prelude = ''): string {
  const { file } = memoryWorkspace({ '/w.ts': `${prelude}\nexport function w(key: string, value: string) {\n${body}\n}` });
  const w = file('/w.ts');
  let fn: FunctionNode | undefined;
  let sink: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node) && ts.isFunctionDeclaration(node) && node.name?.text === 'w') fn = node;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'sink') sink = node;
    ts.forEachChild(node, visit);
  };
  visit(w.sf);
  return evaluateRoute(routeTo(sink!, fn!, w), (index) => (index === 0 && key !== undefined ? exact(key) : undefined));
}

describe('conditions read from the code', () => {
  const LISTS = `const KEYS = ['a', 'b'];\nconst SET = new Set(KEYS);\nconst TABLE = { a: 'secure', b: 'plain' };\nconst FLAGS = { a: true, b: false };\nconst PATTERNS = ['tok', 'pass'];`;
  const cases: [string, string, string][] = [
    ['if (KEYS.includes(key)) sink();', 'a', 'taken'],
    ['if (KEYS.includes(key)) sink();', 'c', 'not-taken'],
    ['if (SET.has(key)) sink();', 'b', 'taken'],
    ['if (KEYS.indexOf(key) !== -1) sink();', 'c', 'not-taken'],
    ['if (KEYS.indexOf(key) === -1) sink();', 'c', 'taken'],
    ["if (key === 'a' || key === 'b') sink();", 'b', 'taken'],
    ["if (key !== 'a') return; sink();", 'b', 'not-taken'],
    ["if (key.startsWith('au')) sink();", 'auth', 'taken'],
    ["if (key.endsWith('.tmp')) {} else { sink(); }", 'x.tmp', 'not-taken'],
    ['if (/^[a-z]+$/.test(key)) sink();', 'a-b', 'not-taken'],
    ['if (PATTERNS.some((p) => key.includes(p))) sink();', 'my_token', 'taken'],
    ['if (PATTERNS.some((p) => key.includes(p))) sink();', 'theme', 'not-taken'],
    ["switch (key) { case 'a': case 'b': break; default: sink(); }", 'a', 'not-taken'],
    ["switch (key) { case 'a': case 'b': break; default: sink(); }", 'z', 'taken'],
    ["switch (key) { case 'a': sink(); break; case 'b': return; }", 'a', 'taken'],
    ["if (TABLE[key] === 'secure') sink();", 'b', 'not-taken'],
    ['if (FLAGS[key]) sink();', 'a', 'taken'],
    ['if (key in TABLE) sink();', 'q', 'not-taken'],
    ['const listed = KEYS.includes(key); if (!listed) { return; } sink();', 'a', 'taken'],
    ['key === "a" ? sink() : null;', 'b', 'not-taken'],
    ['KEYS.includes(key) && sink();', 'a', 'taken'],
    ['KEYS.includes(key) || sink();', 'a', 'not-taken'],
    // Not routing: a condition of something other than the parameters keeps both ways.
    ['if (Math.random() > 0.5) sink();', 'a', 'taken'],
    ['if (!value) return; sink();', 'a', 'taken'],
    // A cache filled at run time is no routing list.
    ['if (CACHE.has(key)) return; sink();', 'a', 'taken'],
    ['if (SEEN.includes(key)) return; sink();', 'a', 'taken'],
    ['if (MEMO[key]) return; sink();', 'a', 'taken'],
    // Unknown list contents, or an unknown key: unknown.
    ['if (REMOTE.includes(key)) sink();', 'a', 'unknown'],
  ];
  it.each(cases)('%s with key %s: %s', (body, key, expected) => {
    expect(
      verdict(
        body,
        key,
        `${LISTS}\ndeclare const REMOTE: string[];\nconst CACHE = new Map<string, string>();\nlet SEEN: string[] = [];\nconst MEMO: Record<string, string> = {};`,
      ),
    ).toBe(expected);
  });

  it('reads a local predicate, its guards and its local constants', () => {
    const prelude = `const SECURE = ['@auth_token', 'session'];
function isValid(key: string): boolean {
  if (!key || key.trim().length === 0) return false;
  const pattern = /^[a-zA-Z0-9._-]+$/;
  return pattern.test(key);
}
const isSensitive = (k: string) => SECURE.some((p) => k.includes(p)) && isValid(k);`;
    expect(verdict('if (isSensitive(key)) sink();', '@auth_token', prelude)).toBe('not-taken');
    expect(verdict('if (isSensitive(key)) sink();', 'user.session', prelude)).toBe('taken');
    expect(verdict('if (isSensitive(key)) sink();', 'theme', prelude)).toBe('not-taken');
    expect(verdict('if (isSensitive(key)) {} else sink();', '@auth_token', prelude)).toBe('taken');
    expect(verdict('if (isSensitive(key)) sink();', undefined, prelude)).toBe('unknown');
  });
});

describe('routes through storage summaries', () => {
  const storage = `import AsyncStorage from '@react-native-async-storage/async-storage';
import * as SecureStore from 'expo-secure-store';
const SECURE = ['auth.token'];
export function put(key: string, value: string) {
  if (SECURE.includes(key)) return SecureStore.setItemAsync(key, value);
  return AsyncStorage.setItem(key, value);
}
export const outer = (name: string, v: string) => put(name, v);
export const fixed = (v: string) => put('auth.token', v);`;

  it('evaluate a nested wrapper with the outermost caller key, and a key a wrapper fixes where it fixes it', () => {
    const { file } = memoryWorkspace({
      '/storage.ts': storage,
      '/caller.ts': `import { outer, fixed, put } from './storage';
export async function run(k: string) { await outer('auth.token', 'x'); await outer('theme', 'y'); await fixed('z'); await put(k, 'w'); }`,
    });
    const caller = file('/caller.ts');
    const byLine = (calls: { apiName: string; node: ts.Node }[]) => calls.map((c) => `${c.node.getText(caller.sf).split('(')[0]}: ${c.apiName}`);
    expect(byLine(findWrapperCalls(caller))).toEqual([
      'outer: outer() → put() → SecureStore.setItemAsync',
      'outer: outer() → put() → AsyncStorage.setItem',
      'fixed: fixed() → put() → SecureStore.setItemAsync',
    ]);
    // An unknown key takes neither route for sure: no usage, but an opaque write for the project-wide key rules.
    // (The key `fixed` passes is counted in storage.ts, where it is written.)
    expect(
      routedWrapperCalls(caller)
        .filter((r) => r.verdict === 'unknown')
        .map((r) => r.call.apiName),
    ).toEqual(['put() → SecureStore.setItemAsync', 'put() → AsyncStorage.setItem']);
    expect(keyUsages(caller).map((u) => `${u.keyText} ${u.store}`)).toEqual(['auth.token secure-store', 'theme async-storage']);
    expect(opaqueOperations(caller)).toEqual([
      { store: 'secure-store', operation: 'write', everyKey: false },
      { store: 'async-storage', operation: 'write', everyKey: false },
    ]);
  });

  it('compute the route once per function summary', () => {
    const { file } = memoryWorkspace({ '/storage.ts': storage });
    const s = file('/storage.ts');
    const outer = s.sf.statements.find((st) => ts.isVariableStatement(st) && st.getText().includes('outer'))! as ts.VariableStatement;
    const fn = outer.declarationList.declarations[0]!.initializer as FunctionNode;
    const first = storageSummary(fn, s);
    expect(first.map((f) => f.route !== undefined)).toEqual([true, true]);
    expect(storageSummary(fn, s)).toBe(first);
  });
});
