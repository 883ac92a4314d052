import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModuleResolver } from '../../src/core/module-resolver.js';
import { tempProject } from '../helpers/temp-project.js';

// The editor's reader of files from disk keeps its resolutions while a
// watched resolver says that what they rest on is unchanged (see DiskHost).
// These tests change the real file system between the two questions.

const later = new Date(Date.now() + 10_000);

function appWithResolutions(): { dir: string; resolver: ModuleResolver; screen: string } {
  const dir = tempProject({
    'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
    'lib/secure.ts': 'export const saveSecret = () => undefined;\n',
    'app/screen.ts': "import { saveSecret } from '../lib/secure';\nimport { vault } from '@/lib/vault';\n",
  });
  const resolver = new ModuleResolver(undefined, { watched: true });
  const screen = join(dir, 'app/screen.ts');
  expect(resolver.resolveModulePath(screen, '../lib/secure')).toBe(join(dir, 'lib/secure.ts'));
  // Not there yet: the answer rests on lib/'s listing.
  expect(resolver.resolveModulePath(screen, '@/lib/vault')).toBeUndefined();
  return { dir, resolver, screen };
}

describe('a watched ModuleResolver', () => {
  it('is unchanged when nothing it read has changed, and when only a file’s content did', () => {
    const { dir, resolver } = appWithResolutions();
    expect(resolver.unchanged()).toBe(true);
    // An edit inside a file is for the file's own stamp to show, not the folder's.
    writeFileSync(join(dir, 'lib/secure.ts'), 'export const saveSecret = () => null;\n');
    expect(resolver.unchanged()).toBe(true);
  });

  it('is changed when a folder it listed gains a file that an import may now name', () => {
    const { dir, resolver } = appWithResolutions();
    writeFileSync(join(dir, 'lib/vault.ts'), 'export const vault = {};\n');
    utimesSync(join(dir, 'lib'), later, later);
    expect(resolver.unchanged()).toBe(false);
  });

  it('is unchanged when a folder it listed gains a file that no import asked about', () => {
    // Resolution also lists the folders above the app (node_modules probes up to the root), and
    // the temp or home folder above it changes all the time: only the names asked about count.
    const { dir, resolver } = appWithResolutions();
    writeFileSync(join(dir, 'lib/notes.md'), 'unrelated\n');
    utimesSync(join(dir, 'lib'), later, later);
    expect(resolver.unchanged()).toBe(true);
    // The folder was listed again: a file an import did ask about still counts afterwards.
    writeFileSync(join(dir, 'lib/vault.ts'), 'export const vault = {};\n');
    utimesSync(join(dir, 'lib'), new Date(later.getTime() + 10_000), new Date(later.getTime() + 10_000));
    expect(resolver.unchanged()).toBe(false);
  });

  it('is changed when a folder it listed loses a file', () => {
    const { dir, resolver } = appWithResolutions();
    rmSync(join(dir, 'lib/secure.ts'));
    utimesSync(join(dir, 'lib'), later, later);
    expect(resolver.unchanged()).toBe(false);
  });

  it('is changed when the tsconfig.json it read is edited, or one appears where none was found', () => {
    const edited = appWithResolutions();
    writeFileSync(join(edited.dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '~/*': ['./*'] } } }));
    utimesSync(join(edited.dir, 'tsconfig.json'), later, later);
    expect(edited.resolver.unchanged()).toBe(false);

    const added = appWithResolutions();
    // app/ had no tsconfig.json of its own: the lookup went up to the app's.
    mkdirSync(join(added.dir, 'app'), { recursive: true });
    writeFileSync(join(added.dir, 'app/tsconfig.json'), '{}');
    expect(added.resolver.unchanged()).toBe(false);
  });

  it('is only for watched resolvers: the CLI reads once per run and records no stamps', () => {
    expect(() => new ModuleResolver().unchanged()).toThrow(/watched/);
  });
});
