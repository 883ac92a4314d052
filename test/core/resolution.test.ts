import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { ProjectHost } from '../../src/audit/project-host.js';
import { localAuthReach, relevantFiles } from '../../src/audit/relevance.js';
import { importSpecifiers } from '../../src/core/prefilter.js';
import { tempProject } from '../helpers/temp-project.js';
import { fixturesDir } from '../helpers/run.js';
import { discoverFiles } from '../../src/audit/discover.js';
import { readFiles } from '../../src/audit/read.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generate } from '../../bench/generate.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

// The audit resolves the common imports without TypeScript's resolver and
// answers "does this file exist?" from folder listings. Both must give the
// resolver's own answer: these tests compare them with it, import by import.

const app = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, paths: { '@/*': ['./src/*'], '@lib': ['./src/lib/index.ts'], '~/*': ['./missing/*', './src/*'] } },
  }),
  'src/lib/index.ts': "export * from './store';\nexport { helper } from './helper';\n",
  'src/lib/store.ts': "import * as SecureStore from 'expo-secure-store';\nexport const save = (k: string, v: string) => SecureStore.setItemAsync(k, v);\n",
  'src/lib/helper.tsx': 'export const helper = () => 1;\n',
  'src/lib/both.ts': 'export const both = 1;\n',
  'src/lib/both.tsx': 'export const both = 2;\n',
  'src/lib/folder/index.ts': 'export const inFolder = 1;\n',
  'src/lib/js-only.js': 'export const jsOnly = 1;\n',
  'src/lib/typed.d.ts': 'export declare const typed: number;\n',
  'src/lib/dotted.name.ts': 'export const dotted = 1;\n',
  'src/screens/a.ts': [
    "import { save } from '@/lib/store';",
    "import { helper } from '../lib/helper';",
    "import { both } from '../lib/both';",
    "import { inFolder } from '@/lib/folder';",
    "import { inFolder as again } from '../lib/folder/';",
    "import { jsOnly } from '../lib/js-only';",
    "import { typed } from '../lib/typed';",
    "import { dotted } from '../lib/dotted.name';",
    "import { save as viaJs } from '../lib/store.js';",
    "import * as lib from '@lib';",
    "import { save as tilde } from '~/lib/store';",
    "import { nothing } from './missing';",
    "import { parent } from '..';",
    "import React from 'react';",
    'export {};',
  ].join('\n'),
};

function resolverAnswer(from: string, specifier: string, host: ProjectHost): string | undefined {
  const resolved = ts.resolveModuleName(specifier, from, host.compilerOptionsFor(from), ts.sys).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport || /\.d\.[cm]?ts$/.test(resolved.resolvedFileName)) return undefined;
  return resolve(resolved.resolvedFileName);
}

describe('module resolution', () => {
  it("gives TypeScript's resolver's answer for every import, common case or not", () => {
    const dir = tempProject(app);
    const from = join(dir, 'src/screens/a.ts');
    const texts = new Map([[from, readFileSync(from, 'utf8')]]);
    const host = new ProjectHost(texts);
    const specifiers = importSpecifiers(texts.get(from)!);
    expect(specifiers).toHaveLength(14);
    const answers = specifiers.map((spec) => [spec, host.resolveModulePath(from, spec)]);
    expect(answers).toEqual(specifiers.map((spec) => [spec, spec === 'react' ? undefined : resolverAnswer(from, spec, new ProjectHost())]));
    // The comparison means something: the common cases and the others all occur.
    const byName = Object.fromEntries(answers);
    expect(byName['@/lib/store']).toBe(join(dir, 'src/lib/store.ts'));
    expect(byName['../lib/helper']).toBe(join(dir, 'src/lib/helper.tsx'));
    expect(byName['../lib/both']).toBe(join(dir, 'src/lib/both.ts'));
    expect(byName['@/lib/folder']).toBe(join(dir, 'src/lib/folder/index.ts'));
    expect(byName['../lib/js-only']).toBe(join(dir, 'src/lib/js-only.js'));
    expect(byName['../lib/typed']).toBeUndefined();
    expect(byName['~/lib/store']).toBe(join(dir, 'src/lib/store.ts'));
    expect(byName['./missing']).toBeUndefined();
  });
});

describe('module resolution on whole apps', () => {
  const generated = mkdtempSync(join(tmpdir(), 'ssa-resolve-'));
  generate(generated, 300);
  it.each([
    ['the demo app', join(fixturesDir, 'demo-app')],
    ['a generated 300-file app', generated],
  ])("gives TypeScript's resolver's answer for every import of %s", (_name, dir) => {
    const { texts } = readFiles(discoverFiles(['.'], dir).files, {});
    const host = new ProjectHost(texts);
    const reference = new ProjectHost();
    let compared = 0;
    let inApp = 0;
    for (const [file, text] of texts) {
      for (const spec of importSpecifiers(text)) {
        const ours = host.resolveModulePath(file, spec);
        const relativeOrAlias = spec.startsWith('.') || spec.startsWith('@/');
        expect([file, spec, ours]).toEqual([file, spec, relativeOrAlias ? resolverAnswer(file, spec, reference) : undefined]);
        compared++;
        if (ours) inApp++;
      }
    }
    // Most imports lead to the app's own files: the comparison covers them.
    expect(inApp).toBeGreaterThan(compared / 4);
  });
});

/** The project's files as the audit holds them: absolute path → text, in the given order. */
function textsOf(dir: string, names: string[]): Map<string, string> {
  return new Map(names.map((name) => [join(dir, name), readFileSync(join(dir, name), 'utf8')]));
}

describe('relevance', () => {
  it('finds a wrapper behind an import cycle, whichever file is asked about first', () => {
    // a → b → a, and b → store: both a and b can reach the storage call.
    const files = {
      'a.ts': "import { b } from './b';\nexport const a = () => b();\n",
      'b.ts': "import { a } from './a';\nimport { save } from './store';\nexport const b = () => { a; return save('k', 'v'); };\n",
      'store.ts': "import * as SecureStore from 'expo-secure-store';\nexport const save = (k: string, v: string) => SecureStore.setItemAsync(k, v);\n",
      'plain.ts': "import { c } from './c';\nexport const p = c;\n",
      'c.ts': "import { p } from './plain';\nexport const c = 1;\n",
    };
    const dir = tempProject(files);
    const names = Object.keys(files);
    for (const order of [names, [...names].reverse()]) {
      const texts = textsOf(dir, order);
      const relevant = relevantFiles(texts, new ProjectHost(texts));
      expect([...relevant].map((path) => path.slice(dir.length + 1)).sort()).toEqual(['a.ts', 'b.ts', 'store.ts']);
    }
  });

  it('knows which files can reach expo-local-authentication, through any number of modules', () => {
    const files = {
      'gate.ts': "import * as LocalAuthentication from 'expo-local-authentication';\nexport const unlock = () => LocalAuthentication.authenticateAsync();\n",
      'session.ts': "import { unlock } from './gate';\nexport const open = () => unlock();\n",
      'screen.ts': "import { open } from './session';\nimport { save } from './store';\nexport const go = () => open();\n",
      'store.ts': "import * as SecureStore from 'expo-secure-store';\nexport const save = (k: string, v: string) => SecureStore.setItemAsync(k, v);\n",
      'profile.ts': "import { save } from './store';\nexport const keep = () => save('k', 'v');\n",
    };
    const dir = tempProject(files);
    const texts = textsOf(dir, Object.keys(files));
    const host = new ProjectHost(texts);
    const reaches = localAuthReach(texts, host, relevantFiles(texts, host));
    const verdicts = Object.fromEntries(Object.keys(files).map((name) => [name, reaches(join(dir, name))]));
    expect(verdicts).toEqual({ 'gate.ts': true, 'session.ts': true, 'screen.ts': true, 'store.ts': false, 'profile.ts': false });
  });
});
