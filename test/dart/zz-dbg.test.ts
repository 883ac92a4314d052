import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { analyseDartFile } from '../../src/dart/file-facts.js';
import { loadDartParser } from '../../src/dart/parser.js';
it('dbg', async () => {
  const p = await loadDartParser();
  const f = process.env.F!;
  const a = analyseDartFile(p, { fileName: f, text: readFileSync(f, 'utf8') });
  for (const op of a.facts.operations) console.log(JSON.stringify({ ...op, key: undefined }));
  console.log(JSON.stringify(a.facts.constructions), JSON.stringify(a.facts.deprecatedOptions));
});
