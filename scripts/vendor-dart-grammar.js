// Copies the Dart grammar from the pinned @repomix/tree-sitter-wasms
// devDependency into vendor/tree-sitter-dart, and prints its size and sha256
// for vendor/tree-sitter-dart/README.md. Only that one file is shipped.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkgDir = dirname(require.resolve('@repomix/tree-sitter-wasms/package.json'));
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const from = join(pkgDir, 'out', 'tree-sitter-dart.wasm');
const to = join(root, 'vendor', 'tree-sitter-dart', 'tree-sitter-dart.wasm');
copyFileSync(from, to);
const bytes = readFileSync(to);
console.log(`@repomix/tree-sitter-wasms ${version}: ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
