#!/usr/bin/env node
// Measures the Dart front-end (run `npm run build` first):
//
//   node bench/dart-parse.js [<count>]
//
// the grammar's size, the time to start the runtime and load the grammar,
// parse and extraction times for the Flutter fixture app and for a generated
// app of <count> files (bench/generate-dart.js, default 2,000), and the
// process's peak RSS. Each file is parsed, its facts taken, its tree deleted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateDartApp } from './generate-dart.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { DART_GRAMMAR_PATH, loadDartParser } = await import(join(root, 'dist/src/dart/parser.js'));
const { factsOfTree } = await import(join(root, 'dist/src/dart/facts.js'));

const count = Number(process.argv[2] ?? 2000);
const ms = (t) => `${t.toFixed(1)} ms`;

function dartFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dartFiles(join(dir, e.name)) : e.name.endsWith('.dart') ? [join(dir, e.name)] : [],
  );
}

function measure(parser, files, appPackage) {
  let parse = 0;
  let facts = 0;
  let bytes = 0;
  let operations = 0;
  let withErrors = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    const t0 = performance.now();
    const tree = parser.parse(text);
    const t1 = performance.now();
    try {
      const result = factsOfTree(tree, text, { fileName: file, appPackage });
      operations += result.operations.length;
      if (result.syntaxErrors > 0) withErrors++;
    } finally {
      tree.delete();
    }
    parse += t1 - t0;
    facts += performance.now() - t1;
  }
  return { files: files.length, kib: Math.round(bytes / 1024), parse, facts, operations, withErrors };
}

const report = (label, m) =>
  console.log(
    `${label}: ${m.files} files, ${m.kib} KiB: parse ${ms(m.parse)}, facts ${ms(m.facts)} (${m.operations} storage operations, ${m.withErrors} files with syntax errors)`,
  );

console.log(
  `grammar: ${statSync(DART_GRAMMAR_PATH).size} bytes (${(statSync(DART_GRAMMAR_PATH).size / 1024 / 1024).toFixed(2)} MiB); runtime tree-sitter.wasm: ${statSync(join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm')).size} bytes`,
);
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const parser = await loadDartParser();
console.log(`init + grammar load: ${ms(performance.now() - t0)} (RSS +${((process.memoryUsage().rss - rssBefore) / 1024 / 1024).toFixed(0)} MiB)`);

report('fixture app (first parses, cold)', measure(parser, dartFiles(join(root, 'fixtures/flutter-demo-app/lib')), 'vault_notes'));
report('fixture app (again)', measure(parser, dartFiles(join(root, 'fixtures/flutter-demo-app/lib')), 'vault_notes'));

const dir = mkdtempSync(join(tmpdir(), 'dart-bench-'));
try {
  const files = generateDartApp(dir, count).map((f) => join(dir, f));
  report(`generated app`, measure(parser, files, 'bench_app'));
  report(`generated app (again)`, measure(parser, files, 'bench_app'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const usage = process.resourceUsage();
console.log(
  `peak RSS: ${(usage.maxRSS / 1024).toFixed(0)} MiB; CPU: user ${(usage.userCPUTime / 1e6).toFixed(1)} s, system ${(usage.systemCPUTime / 1e6).toFixed(1)} s`,
);
