import rule from '../rules/no-read-before-biometric-gate.js';
import { createRuleTester, eslintRule } from './rule-tester.js';

const ruleTester = createRuleTester();

const IMPORTS = `import * as LocalAuthentication from 'expo-local-authentication';
import * as SecureStore from 'expo-secure-store';
`;

// The seed article's helpers: a token getter with explicit options, and the gate.
const HELPERS = `${IMPORTS}const ACCESS_KEY = 'auth.accessToken';
const KEYCHAIN_OPTIONS: SecureStore.SecureStoreOptions = {
  keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY,
};
export async function getAccessToken(): Promise<string | null> {
  return SecureStore.getItemAsync(ACCESS_KEY, KEYCHAIN_OPTIONS);
}
export async function canUseBiometrics(): Promise<boolean> {
  const hasHardware = await LocalAuthentication.hasHardwareAsync();
  const isEnrolled = await LocalAuthentication.isEnrolledAsync();
  return hasHardware && isEnrolled;
}
export async function requireBiometricUnlock(): Promise<boolean> {
  if (!(await canUseBiometrics())) return true;
  const result = await LocalAuthentication.authenticateAsync({
    promptMessage: 'Unlock the app',
    fallbackLabel: 'Use passcode',
    disableDeviceFallback: false,
  });
  return result.success;
}
`;
/** Line of the first line after HELPERS. */
const AFTER_HELPERS = HELPERS.split('\n').length;

const TOKEN = { reader: 'getAccessToken', keys: "'auth.accessToken'", gate: 'requireBiometricUnlock' };

ruleTester.run('no-read-before-biometric-gate', eslintRule(rule), {
  valid: [
    {
      name: "The seed's correct order: gate, early exit on failure, then the read.",
      code:
        HELPERS +
        `async function unlockAndLoad() {
  const ok = await requireBiometricUnlock();
  if (!ok) {
    // On failure, never touch the token; stay on the lock screen
    return { authed: false } as const;
  }
  const token = await getAccessToken();
  return { authed: !!token, token } as const;
}`,
    },
    {
      name: 'The one-line early exit.',
      code:
        HELPERS +
        `async function f() { const ok = await requireBiometricUnlock(); if (!ok) return { authed: false } as const; const token = await getAccessToken(); return token; }`,
    },
    {
      name: 'Read inside `if (result.success)`, gate called directly.',
      code:
        IMPORTS +
        `export async function revealPin() {
  const result = await LocalAuthentication.authenticateAsync({ promptMessage: 'Show your PIN' });
  if (result.success) {
    return SecureStore.getItemAsync('auth.pin');
  }
  return null;
}`,
    },
    {
      name: '`if (!result.success) { …; return }`, then `throw` on failure.',
      code:
        IMPORTS +
        `export async function a(setFailed: (b: boolean) => void) {
  const result = await LocalAuthentication.authenticateAsync();
  if (!result.success) { setFailed(true); return null; }
  return SecureStore.getItemAsync('auth.pin');
}
export async function b() {
  const { success } = await LocalAuthentication.authenticateAsync();
  if (!success) throw new Error('locked');
  return SecureStore.getItemAsync('auth.pin');
}
export async function c() {
  const { success: unlocked } = await LocalAuthentication.authenticateAsync();
  if (unlocked === false) return null;
  return SecureStore.getItemAsync('auth.pin');
}`,
    },
    {
      name: '`if (await gate())`, `ok ? read() : x`, `ok && read()`, and else-exit.',
      code:
        HELPERS +
        `export async function a() { if (await requireBiometricUnlock()) return getAccessToken(); return null; }
export async function b() { const ok = await requireBiometricUnlock(); return ok ? getAccessToken() : null; }
export async function c() { const ok = await requireBiometricUnlock(); return ok && getAccessToken(); }
export async function d() { const ok = await requireBiometricUnlock(); if (ok) { /* go on */ } else { return null; } return getAccessToken(); }
export async function e() { const r = await LocalAuthentication.authenticateAsync(); if (!r.success || !navigator) return null; return getAccessToken(); }`,
    },
    {
      name: 'A condition kept in a variable guards as the condition itself.',
      code:
        IMPORTS +
        `export async function a(enrolled: boolean) {
  const result = await LocalAuthentication.authenticateAsync();
  const unlocked = result.success && enrolled;
  if (!unlocked) return null;
  return SecureStore.getItemAsync('auth.pin');
}
export async function b() {
  const result = await LocalAuthentication.authenticateAsync();
  const failed = !result.success;
  if (failed) return null;
  return SecureStore.getItemAsync('auth.pin');
}`,
    },
    {
      name: "A `let` that is never reassigned holds the gate's answer as well as a const.",
      code: HELPERS + `export async function f() { let ok = await requireBiometricUnlock(); if (!ok) return null; return getAccessToken(); }`,
    },
    {
      name: 'The OS gates this read itself: requireAuthentication: true.',
      code:
        IMPORTS +
        `const PROTECTED = { keychainAccessible: SecureStore.WHEN_PASSCODE_SET_THIS_DEVICE_ONLY, requireAuthentication: true };
export async function openVault() {
  const masterPassword = await SecureStore.getItemAsync('vault.masterPassword', PROTECTED);
  const result = await LocalAuthentication.authenticateAsync({ promptMessage: 'Confirm again to export' });
  return result.success ? masterPassword : null;
}`,
    },
    {
      name: 'Not a secret.',
      code:
        IMPORTS +
        `export async function f() {
  const theme = await SecureStore.getItemAsync('ui.theme');
  const result = await LocalAuthentication.authenticateAsync();
  return result.success ? theme : null;
}`,
    },
    {
      name: 'A key that cannot be resolved is never guessed at; nor are options that cannot be resolved.',
      code:
        IMPORTS +
        `export async function f(key: string, options: SecureStore.SecureStoreOptions) {
  const value = await SecureStore.getItemAsync(key);
  const token = await SecureStore.getItemAsync('auth.token', options);
  const result = await LocalAuthentication.authenticateAsync();
  return result.success ? [value, token] : null;
}`,
    },
    {
      name: "A local function called authenticateAsync is not the module's gate.",
      code: `import * as SecureStore from 'expo-secure-store';
async function authenticateAsync(_o: object) { return { success: true }; }
export async function f() {
  const token = await SecureStore.getItemAsync('auth.token');
  await authenticateAsync({ promptMessage: 'Preview' });
  return token;
}`,
    },
    {
      name: 'Nor is a local object named LocalAuthentication, nor a parameter that shadows the import.',
      code: `import * as SecureStore from 'expo-secure-store';
import { authenticateAsync } from 'expo-local-authentication';
const LocalAuthentication = { async authenticateAsync() { return { success: true }; } };
export async function f() {
  const token = await SecureStore.getItemAsync('auth.token');
  await LocalAuthentication.authenticateAsync();
  return token;
}
export async function g(authenticateAsync: () => Promise<{ success: boolean }>) {
  const token = await SecureStore.getItemAsync('auth.token');
  await authenticateAsync();
  return token;
}`,
    },
    {
      name: 'No gate in the function: nothing to order.',
      code: HELPERS + `export async function refreshInBackground() { return getAccessToken(); }`,
    },
    {
      name: 'Functions only defined before the gate are not part of its flow.',
      code:
        HELPERS +
        `export async function f(button: { onPress?: () => void }) {
  const load = () => getAccessToken();
  button.onPress = () => { void SecureStore.getItemAsync('auth.pin'); };
  const ok = await requireBiometricUnlock();
  if (!ok) return null;
  return load();
}`,
    },
    {
      name: 'A function that reads only behind its own gate is not an unguarded read for its caller.',
      code:
        HELPERS +
        `async function unlockAndLoad() {
  const ok = await requireBiometricUnlock();
  if (!ok) return null;
  return getAccessToken();
}
export async function f() {
  const token = await unlockAndLoad();
  const again = await LocalAuthentication.authenticateAsync();
  return again.success ? token : null;
}`,
    },
    {
      name: 'A gate the app asks for only sometimes: every run of it passes the exit.',
      code:
        HELPERS +
        `export async function f(settings: { biometrics: boolean }) {
  if (settings.biometrics) {
    const ok = await requireBiometricUnlock();
    if (!ok) return null;
  }
  return getAccessToken();
}`,
    },
    {
      name: 'Without a module host (ESLint without type information), imported helpers are unknown.',
      code: `import { requireBiometricUnlock } from './authGate';
import { getAccessToken } from './secureToken';
export async function unlockAndLoad() {
  const token = await getAccessToken();
  const ok = await requireBiometricUnlock();
  return ok ? token : null;
}`,
    },
  ],
  invalid: [
    {
      name: 'The token is in memory when the prompt appears.',
      code:
        HELPERS +
        `async function unlockAndLoad() {
  const token = await getAccessToken();
  const ok = await requireBiometricUnlock();
  if (!ok) return { authed: false } as const;
  return { authed: !!token, token } as const;
}`,
      errors: [{ messageId: 'readBeforeGate', data: TOKEN, line: AFTER_HELPERS + 1, column: 23, endColumn: 39 }],
    },
    {
      name: 'The gate runs, its result is ignored.',
      code: HELPERS + `export async function showToken() {\n  await requireBiometricUnlock();\n  return getAccessToken();\n}`,
      errors: [{ messageId: 'readNotGuarded', data: TOKEN, line: AFTER_HELPERS + 2, column: 10 }],
    },
    {
      name: 'The failure branch does not leave the function; reading in it, or in `else`, is worse.',
      code:
        HELPERS +
        `export async function a(onLocked: () => void) { const ok = await requireBiometricUnlock(); if (!ok) onLocked(); return getAccessToken(); }
export async function b() { const ok = await requireBiometricUnlock(); if (!ok) { return getAccessToken(); } return null; }
export async function c() { const ok = await requireBiometricUnlock(); if (ok) { return null; } else { return getAccessToken(); } }`,
      errors: [
        { messageId: 'readNotGuarded', data: TOKEN, line: AFTER_HELPERS },
        { messageId: 'readNotGuarded', data: TOKEN, line: AFTER_HELPERS + 1 },
        { messageId: 'readNotGuarded', data: TOKEN, line: AFTER_HELPERS + 2 },
      ],
    },
    {
      name: 'The result object is always truthy, and a promise is too: neither is a check.',
      code:
        HELPERS +
        `export async function a() { const result = await LocalAuthentication.authenticateAsync(); if (result) return SecureStore.getItem('auth.pin'); return null; }
export async function b() { if (requireBiometricUnlock()) return getAccessToken(); return null; }`,
      errors: [
        { messageId: 'readNotGuarded', data: { reader: 'SecureStore.getItem', keys: "'auth.pin'", gate: 'LocalAuthentication.authenticateAsync' } },
        { messageId: 'readNotGuarded', data: TOKEN },
      ],
    },
    {
      name: 'A kept condition that is the wrong way round: the read runs only when the gate failed.',
      code:
        IMPORTS +
        `export async function f() {
  const result = await LocalAuthentication.authenticateAsync();
  const unlocked = result.success;
  if (unlocked) return null;
  return SecureStore.getItemAsync('auth.pin');
}`,
      errors: [{ messageId: 'readNotGuarded', line: 7 }],
    },
    {
      name: 'A reassigned `let` no longer proves anything.',
      code: HELPERS + `export async function f() { let ok = await requireBiometricUnlock(); ok = true; if (!ok) return null; return getAccessToken(); }`,
      errors: [{ messageId: 'readNotGuarded', data: TOKEN }],
    },
    {
      name: 'The gate recognised by binding, under an alias; the key through a constant; explicit requireAuthentication: false.',
      code: `import { authenticateAsync as bio } from 'expo-local-authentication';
import * as Keychain from 'expo-secure-store';
const PRIVATE_KEY = 'wallet.privateKey';
export async function signPayment(payload: string) {
  const privateKey = await Keychain.getItemAsync(PRIVATE_KEY, { requireAuthentication: false });
  const result = await bio({ promptMessage: 'Confirm the payment' });
  if (!result.success || !privateKey) return null;
  return payload + privateKey;
}`,
      errors: [
        {
          messageId: 'readBeforeGate',
          data: { reader: 'SecureStore.getItemAsync', keys: "'wallet.privateKey'", gate: 'LocalAuthentication.authenticateAsync' },
          line: 5,
          column: 28,
        },
      ],
    },
    {
      name: 'Both modules under other names, a namespace import and a require; a template key.',
      code: `import * as Bio from 'expo-local-authentication';
const Vault = require('expo-secure-store');
export async function revealPin(userId: string) {
  await Bio.authenticateAsync();
  return Vault.getItemAsync(\`user.\${userId}.pin\`);
}`,
      errors: [
        { messageId: 'readNotGuarded', data: { reader: 'SecureStore.getItemAsync', keys: "'user.${…}.pin'", gate: 'LocalAuthentication.authenticateAsync' } },
      ],
    },
    {
      name: 'Through a method of a const object and of a class instance, and a local arrow; several keys at once.',
      code:
        IMPORTS +
        `export const tokenStorage = {
  async getAccessToken() { return SecureStore.getItemAsync('auth.accessToken'); },
  getRefreshToken: () => SecureStore.getItemAsync('auth.refreshToken'),
};
class TokenStore {
  async loadSession() {
    return [await tokenStorage.getAccessToken(), await tokenStorage.getRefreshToken()];
  }
}
export const tokenStore = new TokenStore();
export async function f() {
  const readPin = () => SecureStore.getItemAsync('auth.pin');
  const a = await tokenStorage.getAccessToken();
  const b = await tokenStorage.getRefreshToken();
  const session = await tokenStore.loadSession();
  const pin = await readPin();
  const result = await LocalAuthentication.authenticateAsync();
  return result.success ? [a, b, session, pin] : null;
}`,
      errors: [
        {
          messageId: 'readBeforeGate',
          data: { reader: 'tokenStorage.getAccessToken', keys: "'auth.accessToken'", gate: 'LocalAuthentication.authenticateAsync' },
        },
        {
          messageId: 'readBeforeGate',
          data: { reader: 'tokenStorage.getRefreshToken', keys: "'auth.refreshToken'", gate: 'LocalAuthentication.authenticateAsync' },
        },
        {
          messageId: 'readBeforeGate',
          data: { reader: 'tokenStore.loadSession', keys: "'auth.accessToken' and 'auth.refreshToken'", gate: 'LocalAuthentication.authenticateAsync' },
        },
        { messageId: 'readBeforeGate', data: { reader: 'readPin', keys: "'auth.pin'", gate: 'LocalAuthentication.authenticateAsync' } },
      ],
    },
    {
      name: 'A gate helper that returns the whole result object; only the read before it is reported.',
      code:
        HELPERS +
        `const unlock = () => LocalAuthentication.authenticateAsync({ promptMessage: 'Unlock' });
export async function f() {
  const early = SecureStore.getItem('auth.refreshToken');
  const result = await unlock();
  if (!result.success) return null;
  return [early, await getAccessToken()];
}`,
      errors: [{ messageId: 'readBeforeGate', data: { reader: 'SecureStore.getItem', keys: "'auth.refreshToken'", gate: 'unlock' }, line: AFTER_HELPERS + 2 }],
    },
    {
      name: 'Names the project adds to the classifier count too.',
      code:
        IMPORTS +
        `export async function f() { const ssn = await SecureStore.getItemAsync('user.ssn'); await LocalAuthentication.authenticateAsync(); return ssn; }`,
      options: [{ sensitivePatterns: ['\\bssn\\b'] }],
      errors: [
        { messageId: 'readBeforeGate', data: { reader: 'SecureStore.getItemAsync', keys: "'user.ssn'", gate: 'LocalAuthentication.authenticateAsync' } },
      ],
    },
  ],
});
