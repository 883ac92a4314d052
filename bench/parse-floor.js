#!/usr/bin/env node
// The parse floor: what it costs to read and parse every source file of an
// app once with the TypeScript compiler, with no analysis at all. A tool that
// parsed everything could not be faster than this; the audit aims to stay well
// under it by parsing only the files that can matter.
//
//   node bench/parse-floor.js <dir>
//
// Prints the number of files parsed and how many had syntax errors.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Loaded with require, as the audit loads it: importing TypeScript as an ES
// module makes Node scan its 9 MB source for export names first (see
// docs/decisions.md), which would make the floor look higher than it is.
const ts = createRequire(import.meta.url)('typescript');

const SOURCE = /\.(ts|tsx|js|jsx)$/;
const KINDS = { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX };

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && SOURCE.test(entry.name)) yield path;
  }
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/parse-floor.js <dir>\n');
  process.exit(2);
}

let files = 0;
let withErrors = 0;
for (const path of walk(dir)) {
  const text = readFileSync(path, 'utf8');
  // Same settings as the audit's own parse: latest syntax, JSDoc not parsed, parent pointers set.
  const settings = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sf = ts.createSourceFile(path, text, settings, true, KINDS[path.slice(path.lastIndexOf('.') + 1)]);
  files++;
  // parseDiagnostics is internal but stable; it is how the compiler reports syntax errors of one file.
  if (sf.parseDiagnostics?.length) withErrors++;
}
process.stdout.write(`${files} files parsed, ${withErrors} with syntax errors\n`);
