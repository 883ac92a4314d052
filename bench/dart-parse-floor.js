#!/usr/bin/env node
// The Dart parse floor: what it costs to read and parse every Dart file of an
// app once with tree-sitter (the runtime started and the grammar loaded, as
// any parse needs), with no analysis at all; each tree is deleted after its
// parse. The audit aims to stay well under it by parsing only the Dart files
// that can matter. Run `npm run build` first.
//
//   node bench/dart-parse-floor.js <dir>
//
// Prints the number of files parsed and how many had syntax errors.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { loadDartParser } = await import(join(repo, 'dist/src/dart/parser.js'));

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git' || entry.name === '.dart_tool') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && entry.name.endsWith('.dart')) yield path;
  }
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/dart-parse-floor.js <dir>\n');
  process.exit(2);
}

const parser = await loadDartParser();
let files = 0;
let withErrors = 0;
for (const path of walk(dir)) {
  const tree = parser.parse(readFileSync(path, 'utf8'));
  files++;
  if (tree.rootNode.hasError) withErrors++;
  tree.delete();
}
process.stdout.write(`${files} files parsed, ${withErrors} with syntax errors\n`);
