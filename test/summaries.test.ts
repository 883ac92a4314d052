import { describe, expect, it } from 'vitest';
import { ts } from '../src/core/ts.js';
import { functionName } from '../src/core/ast.js';
import type { FileModel } from '../src/core/model.js';
import type { RuleContext } from '../src/core/rule.js';
import { formatMessage } from '../src/core/types.js';
import { gateFlow, gateSummary } from '../src/core/gate-flow.js';
import { resolveCalledFunction } from '../src/core/callees.js';
import rule from '../rules/no-read-before-biometric-gate.js';
import { memoryWorkspace } from './helpers/memory-workspace.js';
import { fnNamed } from './helpers/function-named.js';

/** The first call whose callee text is `callee`. */
function callOf(file: FileModel, callee: string): ts.CallExpression {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (!found && ts.isCallExpression(node) && node.expression.getText() === callee) found = node;
    ts.forEachChild(node, visit);
  };
  visit(file.sf);
  if (!found) throw new Error(`no call of ${callee}`);
  return found;
}

const readsOf = (file: FileModel, name: string) => gateSummary(fnNamed(file, name), file).secureStoreReads.map((r) => [r.keyText, ...r.via].join(' < '));

interface Report {
  file: string;
  line: number;
  messageId: string;
  message: string;
}

/** Runs the rule's check() on one file through a minimal RuleContext. */
function check(file: FileModel, options = {}): Report[] {
  const reports: Report[] = [];
  const context: RuleContext<object, keyof typeof rule.meta.messages> = {
    file,
    options,
    report(descriptor) {
      const line = file.sf.getLineAndCharacterOfPosition(descriptor.node!.getStart(file.sf)).line + 1;
      const message = formatMessage(rule.meta.messages[descriptor.messageId], descriptor.data);
      reports.push({ file: file.fileName, line, messageId: descriptor.messageId, message });
    },
  };
  rule.check(context);
  return reports;
}

// The seed article's three files: the gate, the token wrapper, and a screen.
const APP = {
  '/lib/authGate.ts': `import * as LocalAuthentication from 'expo-local-authentication';
export async function canUseBiometrics(): Promise<boolean> {
  const hasHardware = await LocalAuthentication.hasHardwareAsync();
  const isEnrolled = await LocalAuthentication.isEnrolledAsync();
  return hasHardware && isEnrolled;
}
export async function requireBiometricUnlock(): Promise<boolean> {
  if (!(await canUseBiometrics())) return true;
  const result = await LocalAuthentication.authenticateAsync({ promptMessage: 'Unlock the app', disableDeviceFallback: false });
  return result.success;
}`,
  '/lib/secureToken.ts': `import * as SecureStore from 'expo-secure-store';
const ACCESS_KEY = 'auth.accessToken';
const REFRESH_KEY = 'auth.refreshToken';
const OPTIONS: SecureStore.SecureStoreOptions = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };
export async function getAccessToken(): Promise<string | null> {
  return SecureStore.getItemAsync(ACCESS_KEY, OPTIONS);
}
export const getRefreshToken = async () => SecureStore.getItemAsync(REFRESH_KEY, OPTIONS);
export async function getSession() {
  return { access: await getAccessToken(), refresh: await getRefreshToken() };
}`,
  '/screens/unlock.ts': `import { requireBiometricUnlock } from '../lib/authGate';
import { getAccessToken, getSession } from '../lib/secureToken';
export async function unlockAndLoad() {
  const token = await getAccessToken();
  const ok = await requireBiometricUnlock();
  if (!ok) return { authed: false } as const;
  return { authed: !!token, token } as const;
}
export async function unlockThenLoad() {
  const ok = await requireBiometricUnlock();
  if (!ok) return { authed: false } as const;
  return getSession();
}
export async function resume() {
  await requireBiometricUnlock();
  return getSession();
}`,
};

describe('the rule across files', () => {
  it('sees the gate and the token read of other files when the workspace has a module host', () => {
    const { file } = memoryWorkspace(APP);
    expect(check(file('/screens/unlock.ts'))).toEqual([
      {
        file: '/screens/unlock.ts',
        line: 4,
        messageId: 'readBeforeGate',
        message: expect.stringMatching(/^getAccessToken\(\) reads 'auth\.accessToken' ahead of requireBiometricUnlock\(\); read after it\.$/),
      },
      {
        file: '/screens/unlock.ts',
        line: 16,
        messageId: 'readNotGuarded',
        message: expect.stringMatching(
          /^getSession\(\) reads 'auth\.accessToken' and 'auth\.refreshToken' even when requireBiometricUnlock\(\) fails; return early when it fails\.$/,
        ),
      },
    ]);
    // The helpers' own files have nothing to order.
    expect(check(file('/lib/authGate.ts'))).toEqual([]);
    expect(check(file('/lib/secureToken.ts'))).toEqual([]);
  });

  it('reports nothing without a module host: imported callees stay unknown', () => {
    const { file } = memoryWorkspace(APP, false);
    expect(check(file('/screens/unlock.ts'))).toEqual([]);
    const screen = file('/screens/unlock.ts');
    expect(resolveCalledFunction(callOf(screen, 'getAccessToken'), screen)).toBeUndefined();
  });

  it('messages name the key and functions, never a value', () => {
    const { file } = memoryWorkspace(APP);
    for (const report of check(file('/screens/unlock.ts'))) expect(report.message).toMatch(/^\w+\(\) reads 'auth\.accessToken'.* requireBiometricUnlock\(\)/);
  });
});

describe('function summaries', () => {
  it('record reads of resolved keys, transitively, with the functions on the way', () => {
    const { file } = memoryWorkspace(APP);
    const tokens = file('/lib/secureToken.ts');
    expect(readsOf(tokens, 'getAccessToken')).toEqual(['auth.accessToken']);
    expect(readsOf(tokens, 'getRefreshToken')).toEqual(['auth.refreshToken']);
    expect(readsOf(tokens, 'getSession')).toEqual(['auth.accessToken < getAccessToken', 'auth.refreshToken < getRefreshToken']);
    // From another file, through the import.
    expect(readsOf(file('/screens/unlock.ts'), 'resume')).toEqual([
      'auth.accessToken < getSession < getAccessToken',
      'auth.refreshToken < getSession < getRefreshToken',
    ]);
  });

  it('know which functions return a biometric gate result, and of which kind', () => {
    const { file } = memoryWorkspace({
      '/gate.ts': `import * as LA from 'expo-local-authentication';
import { authenticateAsync } from 'expo-local-authentication';
export async function requireBiometricUnlock() {
  if (!(await canUse())) return true;
  const result = await LA.authenticateAsync();
  return result.success;
}
async function canUse() { return LA.hasHardwareAsync(); }
export const prompt = () => authenticateAsync({ promptMessage: 'Unlock' });
export async function destructured() { const { success } = await authenticateAsync(); return success; }
export async function wrapped() { return requireBiometricUnlock(); }
export async function awaitedPrompt() { const r = await prompt(); return r.success; }
export async function mixed() { const r = await authenticateAsync(); return r.success ? 'yes' : 'no'; }
export async function object() { const r = await authenticateAsync(); return r.success ? r : false; }
export async function fake() { return { success: true }; }`,
    });
    const gate = file('/gate.ts');
    const kind = (name: string) => gateSummary(fnNamed(gate, name), gate).returnsGateResult;
    expect(kind('requireBiometricUnlock')).toBe('success');
    expect(kind('canUse')).toBeUndefined();
    expect(kind('prompt')).toBe('result');
    expect(kind('destructured')).toBe('success');
    expect(kind('wrapped')).toBe('success');
    expect(kind('awaitedPrompt')).toBe('success');
    expect(kind('mixed')).toBeUndefined();
    expect(kind('object')).toBeUndefined();
    expect(kind('fake')).toBeUndefined();
  });

  it('leave out reads that the OS gates, reads the function makes only behind its own gate, and unknown keys or options', () => {
    const { file } = memoryWorkspace({
      '/a.ts': `import * as SecureStore from 'expo-secure-store';
import { authenticateAsync } from 'expo-local-authentication';
const PROTECTED = { requireAuthentication: true };
declare const someOptions: SecureStore.SecureStoreOptions;
export async function f(key: string) {
  await SecureStore.getItemAsync('auth.pin', PROTECTED);
  await SecureStore.getItemAsync(key);
  await SecureStore.getItemAsync('auth.otp', { ...someOptions });
  await SecureStore.getItemAsync('auth.jwt', { requireAuthentication: false });
  SecureStore.getItem('ui.theme', undefined);
  await SecureStore.setItemAsync('auth.written', 'v');
}
export async function behindGate() {
  const early = await SecureStore.getItemAsync('auth.early');
  const { success } = await authenticateAsync();
  if (!success) return null;
  return [early, await SecureStore.getItemAsync('auth.late')];
}`,
    });
    const a = file('/a.ts');
    expect(readsOf(a, 'f')).toEqual(['auth.jwt', 'ui.theme']);
    expect(readsOf(a, 'behindGate')).toEqual(['auth.early']);
  });

  it('are memoised per function, and finish on recursion with every reachable read at the head', () => {
    const { file } = memoryWorkspace({
      '/r.ts': `import * as SecureStore from 'expo-secure-store';
export async function ping(n: number): Promise<unknown> { await SecureStore.getItemAsync('auth.ping'); return n > 0 ? pong(n - 1) : null; }
export async function pong(n: number): Promise<unknown> { await SecureStore.getItemAsync('auth.pong'); return ping(n); }
export async function self(n: number): Promise<unknown> { await SecureStore.getItemAsync('auth.self'); return self(n - 1); }`,
    });
    const r = file('/r.ts');
    expect(readsOf(r, 'pong')).toEqual(['auth.pong', 'auth.ping < ping']);
    expect(readsOf(r, 'ping')).toEqual(['auth.ping', 'auth.pong < pong']);
    expect(readsOf(r, 'self')).toEqual(['auth.self']);
    const ping = fnNamed(r, 'ping');
    expect(gateSummary(ping, r)).toBe(gateSummary(ping, r));
  });

  it('stop at the depth limit instead of guessing further', () => {
    const chain = Array.from({ length: 12 }, (_, i) => `export async function f${i}() { return f${i + 1}(); }`).join('\n');
    const { file } = memoryWorkspace({
      '/deep.ts': `import * as SecureStore from 'expo-secure-store';\n${chain}\nexport async function f12() { return SecureStore.getItemAsync('auth.deep'); }`,
    });
    const deep = file('/deep.ts');
    expect(readsOf(deep, 'f11')).toEqual(['auth.deep < f12']);
    expect(readsOf(deep, 'f0')).toEqual([]);
  });

  it('place each read of a flow relative to its gates', () => {
    const { file } = memoryWorkspace(APP);
    const screen = file('/screens/unlock.ts');
    const orders = (name: string) => gateFlow(fnNamed(screen, name), screen).reads.map((r) => `${r.reader}:${r.order}:${r.gate?.name}`);
    expect(orders('unlockAndLoad')).toEqual(['getAccessToken:before-gate:requireBiometricUnlock']);
    expect(orders('unlockThenLoad')).toEqual(['getSession:guarded:requireBiometricUnlock']);
    expect(orders('resume')).toEqual(['getSession:unguarded:requireBiometricUnlock']);
    const tokens = file('/lib/secureToken.ts');
    expect(gateFlow(fnNamed(tokens, 'getSession'), tokens).reads.map((r) => r.order)).toEqual(['no-gate', 'no-gate']);
  });
});

describe('resolveCalledFunction', () => {
  const { file } = memoryWorkspace({
    '/store.ts': `export const tokenStorage = {
  async getAccessToken() { return null; },
  getRefreshToken: () => null,
  loadPin,
};
function loadPin() { return null; }
class TokenStore {
  static create() { return new TokenStore(); }
  async read() { return null; }
  clear = () => null;
}
export const tokenStore = new TokenStore();
export let mutable = () => null;`,
    '/use.ts': `import { tokenStorage, tokenStore, mutable } from './store';
declare const unknownObject: { read(): void };
export function use(param: () => void) {
  tokenStorage.getAccessToken();
  tokenStorage.getRefreshToken();
  tokenStorage.loadPin();
  tokenStore.read();
  tokenStore.clear();
  mutable();
  param();
  unknownObject.read();
  tokenStorage.missing();
}`,
  });
  const use = file('/use.ts');
  const resolved = (callee: string) => {
    const called = resolveCalledFunction(callOf(use, callee), use);
    return called && `${called.name} -> ${functionName(called.fn)} in ${called.file.fileName}`;
  };

  it('follows const object literals, class instances and imports', () => {
    expect(resolved('tokenStorage.getAccessToken')).toBe('tokenStorage.getAccessToken -> getAccessToken in /store.ts');
    expect(resolved('tokenStorage.getRefreshToken')).toBe('tokenStorage.getRefreshToken -> getRefreshToken in /store.ts');
    expect(resolved('tokenStorage.loadPin')).toBe('tokenStorage.loadPin -> loadPin in /store.ts');
    expect(resolved('tokenStore.read')).toBe('tokenStore.read -> read in /store.ts');
    expect(resolved('tokenStore.clear')).toBe('tokenStore.clear -> clear in /store.ts');
  });

  it('leaves unknown callees unknown', () => {
    expect(resolved('mutable')).toBeUndefined();
    expect(resolved('param')).toBeUndefined();
    expect(resolved('unknownObject.read')).toBeUndefined();
    expect(resolved('tokenStorage.missing')).toBeUndefined();
  });
});
