import { describe, expect, it } from 'vitest';
import rule from '../rules/consistent-keychain-options.js';
import { createRuleTester, eslintRule } from './rule-tester.js';
import { runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';
import { schemaErrors } from './helpers/sarif.js';

const ruleTester = createRuleTester();
const NS = "import * as SecureStore from 'expo-secure-store';\n";

ruleTester.run('consistent-keychain-options', eslintRule(rule), {
  valid: [
    // The seed's pattern: one options constant on every call.
    NS +
      `const OPTS = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY, keychainService: 'auth' };
export const save = (v: string) => SecureStore.setItemAsync('auth.token', v, OPTS);
export const load = () => SecureStore.getItemAsync('auth.token', OPTS);
export const clear = () => SecureStore.deleteItemAsync('auth.token', OPTS);`,
    // Different keys may use different options.
    NS + "SecureStore.setItemAsync('a', 'v', { keychainService: 'x' });\nSecureStore.setItemAsync('b', 'v', { keychainService: 'y' });",
    // Unknown options are not a conflict.
    NS + "declare const o: SecureStore.SecureStoreOptions;\nSecureStore.setItemAsync('a', 'v', o);\nSecureStore.getItemAsync('a', { keychainService: 'y' });",
    // requireAuthentication defaults to false: writing `false` is the same as leaving it out.
    NS +
      `const X = SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY;
export const save = (e: string) => SecureStore.setItemAsync('user.email', e, { requireAuthentication: false, keychainAccessible: X });
export const load = () => SecureStore.getItemAsync('user.email', { keychainAccessible: X });
export const clear = () => SecureStore.deleteItemAsync('user.email', { keychainAccessible: X });`,
    // A read without a class is require-keychain-accessible's business, not a conflict.
    NS + "SecureStore.setItemAsync('a', 'v', { keychainAccessible: SecureStore.AFTER_FIRST_UNLOCK });\nSecureStore.getItemAsync('a');",
  ],
  invalid: [
    // A loop over a list that names the same key twice deletes it at one call: one finding there, not two.
    {
      code:
        NS +
        "const PREFIX = 'wallet_';\nexport async function save(id: string) { await SecureStore.setItemAsync(`wallet_${id}`, 'v'); }\nexport async function clearAll(id: string) {\n  for (const key of [`${PREFIX}${id}`, `wallet_${id}`]) await SecureStore.deleteItemAsync(key, { keychainService: 'data' });\n}",
      errors: [
        {
          messageId: 'inconsistentOption',
          line: 5,
          data: { key: 'wallet_${…}', setting: 'keychainService (default)', where: 'line 3' },
        },
      ],
    },
    {
      code: NS + "SecureStore.setItemAsync('auth.token', 'v', { keychainService: 'auth' });\nSecureStore.getItemAsync('auth.token');",
      errors: [
        {
          messageId: 'inconsistentOption',
          line: 3,
          column: 26,
          data: { key: 'auth.token', setting: 'keychainService auth', where: 'line 2' },
        },
      ],
    },
    {
      code:
        NS +
        "SecureStore.setItemAsync('k', 'v', { keychainAccessible: SecureStore.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY });\nSecureStore.setItemAsync('k', 'v', { keychainAccessible: SecureStore.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY });\nSecureStore.setItemAsync('k', 'w', { keychainAccessible: SecureStore.WHEN_UNLOCKED });",
      errors: [{ messageId: 'inconsistentOption', line: 4 }],
    },
    {
      code:
        NS +
        "const O = { requireAuthentication: true };\nSecureStore.setItemAsync('pin', 'v', O);\nSecureStore.deleteItemAsync('pin', { requireAuthentication: false });",
      errors: [{ messageId: 'inconsistentOption', line: 4 }],
    },
  ],
});

describe('consistent-keychain-options across files (CLI)', () => {
  it('compares the uses of a key in every file, naming the other place', async () => {
    const cwd = tempProject({
      'lib/write.ts': NS + "export const save = (v: string) => SecureStore.setItemAsync('auth.token', v, { keychainService: 'auth' });\n",
      'app/read.ts': NS + "export const load = () => SecureStore.getItemAsync('auth.token', { keychainService: 'other' });\n",
    });
    const run = await runCli(['--format', 'json', '--rule', 'consistent-keychain-options'], { cwd });
    const messages = JSON.parse(run.stdout).flatMap((r: { filePath: string; messages: { message: string }[] }) =>
      r.messages.map((m) => [r.filePath.replace(cwd, ''), m.message]),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0][0]).toBe('/app/read.ts');
    // The other file by its name alone: no other audited file is a write.ts.
    expect(messages[0][1]).toBe("SecureStore key 'auth.token' has keychainService auth at write.ts:2; use it here.");
  });

  it('names the other file by as many trailing parts of its path as tell it apart from the audited files', async () => {
    const cwd = tempProject({
      'auth/session.ts': NS + "export const save = (v: string) => SecureStore.setItemAsync('auth.token', v, { keychainService: 'auth' });\n",
      'app/session.ts': NS + "export const load = () => SecureStore.getItemAsync('auth.token', { keychainService: 'other' });\n",
    });
    const run = await runCli(['--format', 'json', '--rule', 'consistent-keychain-options'], { cwd });
    const messages = JSON.parse(run.stdout).flatMap((r: { messages: { message: string }[] }) => r.messages.map((m) => m.message));
    expect(messages).toEqual(["SecureStore key 'auth.token' has keychainService auth at auth/session.ts:2; use it here."]);
  });

  it('gives the other place its full path in SARIF, as a related location', async () => {
    const cwd = tempProject({
      'src/auth/session.ts': NS + "export const save = (v: string) => SecureStore.setItemAsync('auth.token', v, { keychainService: 'auth' });\n",
      'src/app/read.ts': NS + "export const load = () => SecureStore.getItemAsync('auth.token', { keychainService: 'other' });\n",
    });
    const run = await runCli(['--format', 'sarif', '--rule', 'consistent-keychain-options'], { cwd });
    const log = JSON.parse(run.stdout);
    expect(schemaErrors(log)).toEqual([]);
    const [result] = log.runs[0].results;
    expect(result.message.text).toContain('at session.ts:2;');
    expect(result.relatedLocations).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: 'src/auth/session.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } } },
    ]);
  });
});
