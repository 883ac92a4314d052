#!/usr/bin/env node
// npm run new-rule <id>: writes the skeletons of a new rule (the rule, its
// test, a good and a bad fixture, its doc), adds it to the rule order and the
// index, and regenerates what is derived from the rules: the config schema
// (npm run schema) and the README table and doc headers (npm run docs).
// What is left is the logic and the words: every place to fill in says TODO,
// and test/meta.test.ts fails while a TODO is left in the rule's meta or doc.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesIndexSource } from './write-rules-index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const id = process.argv[2];

if (!id || !/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(id)) {
  process.stderr.write('usage: npm run new-rule <id>   (kebab-case, such as no-plaintext-pin)\n');
  process.exit(2);
}
if (existsSync(`${root}rules/${id}.ts`)) {
  process.stderr.write(`rules/${id}.ts exists already\n`);
  process.exit(2);
}

const IMPORT = "import * as SecureStore from 'expo-secure-store';";

// Every rule runs on a fixture: a prefix header and explicit keychain options
// keep the others quiet, so the fixture's expect comments are about this rule.
const FIXTURE_HEAD = `// SecureStore prefix: auth.*
${IMPORT}

const OPTIONS = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };
`;

const files = {
  [`rules/${id}.ts`]: `import { defineRule, findStorageCalls } from '../src/core/rule-api.js';

// TODO: what this rule catches, and why it matters on the device (a few lines).

const messages = {
  // TODO: what is wrong here, why it matters, and what to write instead.
  example: 'TODO: {{call}}() … Say what to write instead.',
} as const;

type MessageId = keyof typeof messages;

export default defineRule<object, MessageId>({
  id: '${id}',
  meta: {
    type: 'problem',
    description: 'TODO: Disallow … / Require …, in one line without a final period',
    // test/fixtures.test.ts holds the ESLint plugin's recommended config to the fixtures: 'off' would fail it.
    recommended: 'warn',
    messages,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(context) {
    for (const call of findStorageCalls(context.file)) {
      // TODO: report what is wrong with the call, such as
      // context.report({ node: call.node, messageId: 'example', data: { call: call.apiName } });
      void call;
    }
  },
});
`,
  [`test/${id}.test.ts`]: `import rule from '../rules/${id}.js';
import { createRuleTester, eslintRule } from './rule-tester.js';

const ruleTester = createRuleTester();
const NS = "${IMPORT}\\nconst O = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };\\n";

ruleTester.run('${id}', eslintRule(rule), {
  valid: [
    // TODO: code the rule must accept, including the tricky negatives.
    NS + "SecureStore.setItemAsync('auth.token', 'v', O);",
  ],
  invalid: [
    // TODO: code the rule must report, with the message id, data and position:
    // { code: NS + '…', errors: [{ messageId: 'example', data: { call: '…' }, line: 3, column: 1 }] },
  ],
});
`,
  [`fixtures/rules/${id}/bad-example.ts`]: `${FIXTURE_HEAD}
// TODO: code the rule reports; end each reported line with an expect comment
// naming this rule, as the other bad-*.ts fixtures do.
`,
  [`fixtures/rules/${id}/good-example.ts`]: `${FIXTURE_HEAD}
// TODO: code the rule must not report, written the way apps write it.
`,
  [`docs/rules/${id}.md`]: `# TODO (\`securestore/${id}\`)

<!-- end auto-generated rule header -->

## What it catches

TODO: the calls and values this rule reports, and what it leaves alone.

## Why

TODO: what goes wrong on the device, with the source of each fact.

## Examples

### ❌ Incorrect

\`\`\`ts
// TODO
\`\`\`

### ✅ Correct

\`\`\`ts
// TODO
\`\`\`

## When not to use it

TODO
`,
};

for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(`${root}${path}`), { recursive: true });
  writeFileSync(`${root}${path}`, text);
  process.stdout.write(`wrote ${path}\n`);
}

// A new rule comes last in --list-rules, SARIF and the schema (see write-rules-index.js).
const orderFile = `${root}scripts/rule-order.json`;
const order = JSON.parse(readFileSync(orderFile, 'utf8'));
writeFileSync(orderFile, `${JSON.stringify([...order, id], null, 2)}\n`);
writeFileSync(`${root}rules/index.ts`, rulesIndexSource());
process.stdout.write('updated scripts/rule-order.json and rules/index.ts\n');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['run', '--silent', 'schema'], { cwd: root, stdio: 'inherit' });
process.stdout.write('updated securestore-audit.schema.json\n');
// The build \`npm run schema\` just ran is the one the generator reads.
execFileSync(process.execPath, [`${root}node_modules/eslint-doc-generator/dist/bin/eslint-doc-generator.js`, 'scripts/doc-plugin'], {
  cwd: root,
  stdio: 'inherit',
});
process.stdout.write(
  `updated README.md and docs/rules/${id}.md (npm run docs)\n\nNext: fill in every TODO, then npx vitest run test/meta.test.ts test/${id}.test.ts test/fixtures.test.ts\n`,
);
