// Lints files with the real ESLint and the flat config users write, and prints
// the results as JSON. Run as its own process, so a test can give it a larger
// stack (`node --stack-size=…`) than the test runner has.
//
//   node lint-files.mjs <cwd> <file>...
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const [cwd, ...files] = process.argv.slice(2);
const eslint = new ESLint({ cwd, overrideConfigFile: join(repo, 'test/helpers/eslint.config.js') });
const results = await eslint.lintFiles(files);
process.stdout.write(JSON.stringify(results.map((r) => ({ filePath: r.filePath, messages: r.messages }))));
