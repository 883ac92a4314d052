import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDartParser, withDartTree } from '../../src/dart/parser.js';
import { repoRoot } from '../helpers/run.js';

// In the slow project: 2,200 parses, several seconds by design (the growth it
// looks for only shows over many trees).
describe('the Dart parser', () => {
  it('memory stays flat over many parses (trees are deleted)', async () => {
    const parser = await loadDartParser();
    const text = readFileSync(join(repoRoot, 'fixtures/flutter-demo-app/lib/auth/unlock.dart'), 'utf8');
    const heap = () => process.memoryUsage().rss;
    for (let i = 0; i < 200; i++) withDartTree(parser, text, () => undefined);
    const before = heap();
    for (let i = 0; i < 2000; i++) withDartTree(parser, text, () => undefined);
    const grown = heap() - before;
    console.log(`RSS growth over 2,000 parses: ${(grown / 1024 / 1024).toFixed(1)} MiB`);
    // Without tree.delete() the WebAssembly heap grows with every tree kept: about 87 MiB for these 2,000 parses.
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });
});
