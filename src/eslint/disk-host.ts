import { isAbsolute } from 'node:path';
import type { ModuleHost } from '../core/model.js';
import { ts } from '../core/ts.js';
import { ModuleResolver } from '../core/module-resolver.js';
import { parseAnalysable } from '../core/parse.js';
import { importSpecifiers, mentionsApi, relevanceOracle } from '../core/prefilter.js';
import { DiskFiles } from './disk-files.js';

/** The CLI's default --max-file-size: a larger file is not read, so an import of it stays unresolved in both front-ends. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * How long resolutions are trusted, as eslint-plugin-import's resolver cache
 * (`import/cache`, 30 s): a file added or removed changes which file an
 * import names, and no stamp of a file already read says so.
 */
const RESOLUTION_LIFETIME_MS = 30_000;

const TREE = Symbol('tree');
const IMPORTS = Symbol('imports');

/**
 * Without type information, the ESLint plugin reads the app's other files
 * itself, as the CLI does: imports resolved with the compiler options of the
 * nearest tsconfig.json (relative and `paths` imports; packages are not the
 * app), the files read from disk and parsed with the core's parser. All of it
 * is kept for the process, so an `eslint .` run or an editor session reads
 * and parses each file once; a file written since (its modification time or
 * size changed) is read again, and since summaries are built across files,
 * everything derived from the old one goes with it.
 *
 * Nothing is read until asked: a file whose text names no storage API and
 * that imports no app file costs only the search of its text.
 */
export class DiskHost implements ModuleHost {
  private readonly files = new DiskFiles(MAX_FILE_BYTES, () => this.reset());
  private resolver = new ModuleResolver();
  private resolverBorn = Date.now();
  /** Whether a file reaches a storage API through the app files it imports; kept until a change. */
  private reaches = this.newOracle();
  /** Which files each file was seen to import (see resolveModule): what its summaries may rest on. */
  private readonly imported = new Map<string, Set<string>>();
  /** Counts the resets: a file that changed makes every summary built across files suspect. */
  private generation = 0;

  /** Called once per linted file, before anything is asked about it. */
  nextLint(): void {
    this.files.nextLint();
    if (Date.now() - this.resolverBorn > RESOLUTION_LIFETIME_MS) this.reset();
  }

  /** Whether the linted file (its text as ESLint has it) can matter: it names an API or imports an app file that reaches one. */
  mayMatter(fileName: string, text: string): boolean {
    if (mentionsApi(text, fileName)) return true;
    // Text linted without a file name (`<text>`) has no folder to resolve its imports from.
    if (!isAbsolute(fileName)) return false;
    for (const specifier of importSpecifiers(text)) {
      const target = this.resolver.resolveModulePath(fileName, specifier);
      if (target !== undefined && target !== fileName && this.reaches(target)) return true;
    }
    return false;
  }

  resolveModule(fromFile: string, specifier: string): ts.SourceFile | undefined {
    if (!isAbsolute(fromFile)) return undefined;
    const path = this.resolver.resolveModulePath(fromFile, specifier);
    if (path === undefined) return undefined;
    // A tree kept from earlier lints rests on the files it was seen to import: check them all first
    // (a change among them resets everything, see DiskFiles).
    this.checkStamps(path);
    let seen = this.imported.get(fromFile);
    if (!seen) {
      seen = new Set();
      this.imported.set(fromFile, seen);
    }
    seen.add(path);
    return this.files.derived(path, TREE, (text) => parseAnalysable(path, text) ?? null) ?? undefined;
  }

  mayReachApis(fromFile: string, specifier: string): boolean {
    const path = isAbsolute(fromFile) ? this.resolver.resolveModulePath(fromFile, specifier) : undefined;
    // Not an app file: the lookup finds nothing either way.
    return path === undefined || this.reaches(path);
  }

  /** Checks the stamps of the file and of the files it was seen to import, directly or not; stops at a change. */
  private checkStamps(path: string): void {
    const generation = this.generation;
    const visited = new Set<string>();
    const stack = [path];
    while (stack.length) {
      const file = stack.pop()!;
      if (visited.has(file)) continue;
      visited.add(file);
      this.files.refresh(file);
      if (this.generation !== generation) return;
      for (const next of this.imported.get(file) ?? []) stack.push(next);
    }
  }

  private newOracle(): (file: string) => boolean {
    return relevanceOracle(
      (file) => this.files.text(file),
      (file) => this.files.derived(file, IMPORTS, (text) => this.importsIn(file, text)) ?? [],
    );
  }

  private importsIn(file: string, text: string): string[] {
    const found: string[] = [];
    for (const specifier of importSpecifiers(text)) {
      const target = this.resolver.resolveModulePath(file, specifier);
      if (target !== undefined && target !== file) found.push(target);
    }
    return found;
  }

  private reset(): void {
    this.generation++;
    this.files.clear();
    this.imported.clear();
    this.resolver = new ModuleResolver();
    this.resolverBorn = Date.now();
    this.reaches = this.newOracle();
  }
}

let shared: DiskHost | undefined;

/** The one disk host of the process: every file ESLint lints without type information shares what it read. */
export function sharedDiskHost(): DiskHost {
  shared ??= new DiskHost();
  return shared;
}
