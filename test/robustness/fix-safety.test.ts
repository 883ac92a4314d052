import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { parseErrors, parseSource } from '../../src/core/parse.js';
import { runCli } from '../helpers/run.js';
import { tempProject } from '../helpers/temp-project.js';

// --fix never loses data: atomic writes that keep mode, BOM and line endings,
// no write over a file edited meanwhile, idempotent, still parseable; and
// --fix-dry-run writes nothing.

const OPTS = '{ keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }';
const STORE = `import * as SecureStore from 'expo-secure-store';
export const save = (v: string) => SecureStore.setItemAsync('auth.accessToken', v, ${OPTS});
export const clear = () => SecureStore.deleteItemAsync('auth.accessToken', ${OPTS});
`;
const HEADER = '// SecureStore prefix: auth.*\n';
const FIX = ['--fix', '--rule', 'require-prefix-header'];

const noTempFiles = (dir: string) => expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

describe('--fix', () => {
  it('keeps the file mode, and leaves no temp file behind', async () => {
    const cwd = tempProject({ 'lib/tokens.ts': STORE });
    const file = join(cwd, 'lib/tokens.ts');
    chmodSync(file, 0o640);
    const run = await runCli(FIX, { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(HEADER + STORE);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    noTempFiles(join(cwd, 'lib'));
  });

  it('keeps a UTF-8 byte order mark and CRLF line endings, also in the text it inserts', async () => {
    const crlf = `\uFEFF${STORE.replace(/\n/g, '\r\n')}`;
    const cwd = tempProject({ 'lib/tokens.ts': crlf });
    await runCli(FIX, { cwd });
    const bytes = readFileSync(join(cwd, 'lib/tokens.ts'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toBe(`\uFEFF${HEADER.replace('\n', '\r\n')}${STORE.replace(/\n/g, '\r\n')}`);
    expect(text.match(/(?<!\r)\n/g)).toBeNull();
  });

  it('is idempotent and leaves a file that still parses', async () => {
    const cwd = tempProject({ 'lib/tokens.ts': STORE });
    await runCli(FIX, { cwd });
    const once = readFileSync(join(cwd, 'lib/tokens.ts'), 'utf8');
    const again = await runCli(FIX, { cwd });
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(join(cwd, 'lib/tokens.ts'), 'utf8')).toBe(once);
    expect(parseErrors(parseSource('tokens.ts', once))).toEqual([]);
  });

  it('rewrites the target of a symlink and keeps the link', async () => {
    const cwd = tempProject({ 'lib/real.ts': STORE });
    symlinkSync(join(cwd, 'lib/real.ts'), join(cwd, 'lib/link.ts'));
    await runCli([...FIX, 'lib/link.ts'], { cwd });
    expect(lstatSync(join(cwd, 'lib/link.ts')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(cwd, 'lib/real.ts'), 'utf8')).toBe(HEADER + STORE);
  });

  it('does not overwrite a file that changed on disk after it was read, and says so', () => {
    const cwd = tempProject({ 'lib/tokens.ts': STORE });
    const file = join(cwd, 'lib/tokens.ts');
    const edited = `${STORE}// edited by someone else meanwhile\n`;
    let touched = false;
    const result = audit({
      cwd,
      rules: ['require-prefix-header'],
      fix: true,
      // Progress is reported between reading and writing: edit the file then, as an editor would.
      onProgress: () => {
        if (!touched) writeFileSync(file, edited);
        touched = true;
      },
    });
    expect(touched).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    const messages = result.files.flatMap((f) => f.findings.map((x) => `${x.messageId}: ${x.message}`));
    expect(messages).toContain('fixNotApplied: Fixes not applied: the file changed on disk while it was audited.');
    noTempFiles(join(cwd, 'lib'));
  });
});

describe('--fix-dry-run', () => {
  it('writes nothing and shows the fix as a diff', async () => {
    const cwd = tempProject({ 'lib/tokens.ts': STORE });
    const before = statSync(join(cwd, 'lib/tokens.ts')).mtimeMs;
    const run = await runCli(['--fix-dry-run', '--rule', 'require-prefix-header', '--no-color'], { cwd });
    expect(readFileSync(join(cwd, 'lib/tokens.ts'), 'utf8')).toBe(STORE);
    expect(statSync(join(cwd, 'lib/tokens.ts')).mtimeMs).toBe(before);
    expect(run.stdout).toContain('--- lib/tokens.ts\n+++ lib/tokens.ts (fixed)\n@@ -1,3 +1,4 @@\n+// SecureStore prefix: auth.*\n import * as SecureStore');
    noTempFiles(join(cwd, 'lib'));
  });

  it("puts the fixed text in ESLint's `output` field of the JSON report", async () => {
    const cwd = tempProject({ 'lib/tokens.ts': STORE });
    const run = await runCli(['--fix-dry-run', '--rule', 'require-prefix-header', '--format', 'json'], { cwd });
    const [result] = JSON.parse(run.stdout);
    expect(result.output).toBe(HEADER + STORE);
    expect(readFileSync(join(cwd, 'lib/tokens.ts'), 'utf8')).toBe(STORE);
  });

  it('cannot be combined with --fix', async () => {
    const run = await runCli(['--fix', '--fix-dry-run'], { cwd: tempProject({ 'a.ts': STORE }) });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['securestore-audit: --fix and --fix-dry-run cannot be used together']);
  });
});
