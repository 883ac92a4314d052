import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/audit/discover.js';
import { ProjectHost } from '../../src/audit/project-host.js';
import { readFiles } from '../../src/audit/read.js';
import { relevantFiles } from '../../src/audit/relevance.js';
import { fileNames, relevanceOracle, specifierName } from '../../src/core/prefilter.js';
import { tempProject } from '../helpers/temp-project.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generate } from '../../bench/generate.js';

// The prefilter resolves only the imports that give the name of a file
// already found relevant. These tests hold that shortcut to the full answer
// (every import resolved) wherever a name could be rewritten on the way.

const STORE = "import * as SecureStore from 'expo-secure-store';\nexport const save = (k: string, v: string) => SecureStore.setItemAsync(k, v);\n";

/** The relevant files of an app on disk, as the audit finds them, relative to its folder. */
function relevantIn(dir: string, byName: boolean): string[] {
  const discovered = discoverFiles(['.'], dir);
  const { texts } = readFiles(discovered.files);
  const relevant = relevantFiles(texts, new ProjectHost(texts), byName ? discovered.importNames : undefined);
  return [...relevant].map((path) => path.slice(dir.length + 1)).sort();
}

/** The same question answered file by file through every import (the ESLint plugin's way). */
function relevantByOracle(dir: string): string[] {
  const discovered = discoverFiles(['.'], dir);
  const { texts } = readFiles(discovered.files);
  const host = new ProjectHost(texts);
  const oracle = relevanceOracle((file) => texts.get(file), host.importsOf);
  return [...texts.keys()]
    .filter(oracle)
    .map((path) => path.slice(dir.length + 1))
    .sort();
}

describe('the name an import asks for', () => {
  it('is the last segment without a source extension, lowercased; none for a folder itself', () => {
    expect(specifierName('./lib/secureStore')).toBe('securestore');
    expect(specifierName('@/lib/store.js')).toBe('store');
    expect(specifierName('../vault.mjs')).toBe('vault');
    expect(specifierName('./token.service')).toBe('token.service');
    expect(specifierName('lib\\store')).toBe('store');
    for (const folder of ['.', '..', './', './lib/', '../..']) expect(specifierName(folder)).toBeUndefined();
  });

  it('is one of the names of the file it reaches: its own and its folders', () => {
    expect(fileNames('/app/src/lib/secureStore.ts')).toEqual(['securestore', 'app', 'src', 'lib']);
    expect(fileNames('/app/lib/index.tsx')).toEqual(['index', 'app', 'lib']);
    expect(fileNames('/app/lib/token.service.ts')).toEqual(['token.service', 'app', 'lib']);
  });
});

describe('relevant files found by name', () => {
  const cases: Record<string, Record<string, string>> = {
    'relative, aliased, folder and extension imports': {
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/lib/store.ts': STORE,
      'src/lib/index.ts': "export * from './store';\n",
      'src/a.ts': "import { save } from './lib';\nexport const a = () => save('a', '1');\n",
      'src/b.ts': "import { save } from '@/lib/store.js';\nexport const b = () => save('b', '1');\n",
      'src/lib/c.ts': "import { save } from '.';\nexport const c = () => save('c', '1');\n",
      'src/d.ts': "import { a } from './a';\nexport const d = () => a();\n",
      'src/e.ts': "import { helper } from './helper';\nexport const e = () => helper();\n",
      'src/helper.ts': 'export const helper = () => 1;\n',
    },
    'an exact paths alias and one that adds a suffix (names rewritten)': {
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@vault': ['./src/secureVault.ts'], '@x/*': ['./src/*/main'] } } }),
      'src/secureVault.ts': STORE,
      'src/feature/main.ts': "import { save } from '@vault';\nexport const go = () => save('k', 'v');\n",
      'src/screen.ts': "import { go } from '@x/feature';\nexport const s = () => go();\n",
      'src/other.ts': 'export const o = 1;\n',
    },
    'moduleSuffixes (names rewritten)': {
      'tsconfig.json': JSON.stringify({ compilerOptions: { moduleSuffixes: ['.ios', ''] } }),
      'src/store.ios.ts': STORE,
      'src/screen.ts': "import { save } from './store';\nexport const s = () => save('k', 'v');\n",
    },
    'a local package whose main lies outside its folder': {
      'src/impl/secure.ts': STORE,
      'src/pkg/package.json': JSON.stringify({ main: '../impl/secure.ts', types: '../impl/secure.ts' }),
      'src/screen.ts': "import { save } from './pkg';\nexport const s = () => save('k', 'v');\n",
    },
  };

  for (const [name, files] of Object.entries(cases)) {
    it(`are the files every import finds: ${name}`, () => {
      const dir = tempProject(files);
      const full = relevantIn(dir, false);
      expect(full.length).toBeGreaterThan(1);
      expect(relevantIn(dir, true)).toEqual(full);
      expect(relevantByOracle(dir)).toEqual(full);
    });
  }

  it('are the files every import finds through a symbolic link to a file (resolved to the link, which is not audited)', () => {
    const dir = tempProject({
      'src/real.ts': STORE,
      'src/screen.ts': "import { save } from './alias.js';\nimport { save as again } from './alias';\nexport const s = () => save('k', again('v', 'w'));\n",
    });
    symlinkSync(join(dir, 'src/real.ts'), join(dir, 'src/alias.ts'));
    const full = relevantIn(dir, false);
    expect(full).toEqual(['src/real.ts']);
    expect(relevantIn(dir, true)).toEqual(full);
    expect(relevantByOracle(dir)).toEqual(full);
  });

  it('are the files every import finds in generated apps', () => {
    for (const size of [150, 400]) {
      const dir = mkdtempSync(join(tmpdir(), 'ssa-names-'));
      generate(dir, size);
      const full = relevantIn(dir, false);
      expect(full.length).toBeGreaterThan(10);
      expect(relevantIn(dir, true)).toEqual(full);
    }
  });
});
