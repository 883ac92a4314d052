import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// The two SARIF validators the tests hold logs to: the official 2.1.0 JSON
// schema, and Microsoft's SARIF multitool, which also checks the rules the
// schema cannot express (a uriBaseId only on a relative URI, …).

const require = createRequire(import.meta.url);
const multitoolDir = dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
const multitool = join(multitoolDir, 'Sarif.Multitool');
/** The official SARIF 2.1.0 schema, as Microsoft's multitool ships it. */
export const sarifSchema = JSON.parse(readFileSync(join(multitoolDir, 'sarif-2.1.0.json'), 'utf8'));

/** The multitool's errors for a log (written to `dir`): none for a valid one. */
export function validateWithMultitool(log: object, dir: string): unknown[] {
  const input = join(dir, 'in.sarif');
  const output = join(dir, 'validation.sarif');
  writeFileSync(input, JSON.stringify(log));
  execFileSync(multitool, ['validate', input, '-o', output, '--quiet'], { stdio: 'pipe' });
  const validation = JSON.parse(readFileSync(output, 'utf8'));
  return validation.runs[0].results.filter((r: { level?: string }) => r.level === 'error' || r.level === undefined);
}

/** The schema's errors for a log: none for a valid one. */
export function schemaErrors(log: object): unknown[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: its function is the default export's default under NodeNext.
  const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.validate(sarifSchema, log) ? [] : (ajv.errors ?? [{ message: 'invalid' }]);
}
