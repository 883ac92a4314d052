#!/usr/bin/env node
// Writes rules/index.ts from the rule files in rules/: the folder is the list
// of rules, and nobody edits the index by hand. test/meta.test.ts fails when
// the committed index is not what this script writes.
//
// The order comes from scripts/rule-order.json, not from the alphabet: it is
// the order in which --list-rules prints the rules and SARIF and the config
// schema name them, so sorting would change the tool's output. The first six
// are the rules the project set out to check; later rules follow in the order
// they were added (npm run new-rule appends). The README table and the docs,
// written by eslint-doc-generator, are alphabetical either way.
//
//   node scripts/write-rules-index.js           writes rules/index.ts
//   node scripts/write-rules-index.js --stdout  prints what it would write
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** Rule ids of the rule files in rules/, in the order of scripts/rule-order.json. */
export function ruleIds() {
  const files = readdirSync(new URL('rules/', root))
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    .map((name) => name.slice(0, -'.ts'.length));
  const order = JSON.parse(readFileSync(new URL('scripts/rule-order.json', root), 'utf8'));
  const unordered = files.filter((id) => !order.includes(id));
  const missing = order.filter((id) => !files.includes(id));
  if (unordered.length || missing.length) {
    throw new Error(
      [
        ...unordered.map((id) => `rules/${id}.ts is not in scripts/rule-order.json: add it where --list-rules should show it`),
        ...missing.map((id) => `scripts/rule-order.json names ${id}, but there is no rules/${id}.ts`),
      ].join('\n'),
    );
  }
  return order;
}

const camelCase = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

export function rulesIndexSource(ids = ruleIds()) {
  return [
    '// Written by scripts/write-rules-index.js from the files in rules/, in the order',
    '// of scripts/rule-order.json: do not edit (npm run new-rule adds a rule).',
    "import type { AnyRule } from '../src/core/rule.js';",
    ...ids.map((id) => `import ${camelCase(id)} from './${id}.js';`),
    '',
    '/** Every rule, in the order --list-rules prints them and SARIF and the config schema name them. */',
    'export const allRules: AnyRule[] = [',
    ...ids.map((id) => `  ${camelCase(id)},`),
    '];',
    '',
  ].join('\n');
}

if (process.argv[1] && new URL(`file://${process.argv[1]}`).href === import.meta.url) {
  try {
    const source = rulesIndexSource();
    if (process.argv.includes('--stdout')) process.stdout.write(source);
    else writeFileSync(new URL('rules/index.ts', root), source);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
