import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DART_GRAMMAR_PATH } from '../../src/dart/parser.js';
import { execFile } from 'node:child_process';
import { repoRoot } from '../helpers/run.js';

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

// The vendored Dart grammar is the published one, byte for byte, with its
// licence and provenance, and it ships in the package.

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const vendorDir = join(repoRoot, 'vendor/tree-sitter-dart');

describe('the vendored Dart grammar', () => {
  it('is the file of the pinned @repomix/tree-sitter-wasms release, and its README says so', () => {
    const require = createRequire(join(repoRoot, 'package.json'));
    const pkgDir = dirname(require.resolve('@repomix/tree-sitter-wasms/package.json'));
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
    const ours = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(ours.devDependencies['@repomix/tree-sitter-wasms']).toBe(pkg.version);
    const published = readFileSync(join(pkgDir, 'out/tree-sitter-dart.wasm'));
    const vendored = readFileSync(DART_GRAMMAR_PATH);
    expect(sha256(vendored)).toBe(sha256(published));
    const readme = readFileSync(join(vendorDir, 'README.md'), 'utf8');
    expect(readme).toContain(`\`@repomix/tree-sitter-wasms\` ${pkg.version}`);
    expect(readme).toContain(sha256(vendored));
    expect(readme).toContain(vendored.length.toLocaleString('en-US'));
    expect(readFileSync(join(vendorDir, 'LICENSE'), 'utf8')).toMatch(/^Copyright \(c\) .*UserNobody14[\s\S]*Permission is hereby granted, free of charge/);
  });

  it('ships in the npm package with its licence, and nothing else of the grammar package does', async () => {
    const listed = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], repoRoot);
    expect(listed.code, listed.stderr).toBe(0);
    const files: string[] = JSON.parse(listed.stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['vendor/tree-sitter-dart/tree-sitter-dart.wasm', 'vendor/tree-sitter-dart/LICENSE', 'vendor/tree-sitter-dart/README.md']),
    );
    expect(files.filter((f) => f.endsWith('.wasm'))).toEqual(['vendor/tree-sitter-dart/tree-sitter-dart.wasm']);
    const ours = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(ours.dependencies['web-tree-sitter']).toMatch(/^\^0\.25\./);
    expect(ours.dependencies['@repomix/tree-sitter-wasms']).toBeUndefined();
  });
});
