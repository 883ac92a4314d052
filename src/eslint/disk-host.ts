import { isAbsolute } from 'node:path';
import { Workspace, type ModuleHost } from '../core/model.js';
import { ts } from '../core/ts.js';
import { ModuleResolver } from '../core/module-resolver.js';
import { parseAnalysable } from '../core/parse.js';
import { importSpecifiers, mentionsApi, relevanceOracle } from '../core/prefilter.js';
import { DiskFiles } from './disk-files.js';

/** The CLI's default --max-file-size: a larger file is not read, so an import of it stays unresolved in both front-ends. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * How long resolutions are trusted before they are checked, as
 * eslint-plugin-import's resolver cache (`import/cache`, 30 s): a file added
 * or removed changes which file an import names, and no stamp of a file
 * already read says so. The check stats the folders and config files the
 * resolutions rest on; only a change among them starts a new generation, so
 * a long `eslint .` run does not read and summarise the app again every 30 s.
 */
const RESOLUTION_LIFETIME_MS = 30_000;

const TREE = Symbol('tree');

/**
 * Without type information, the ESLint plugin reads the app's other files
 * itself, as the CLI does: imports resolved with the compiler options of the
 * nearest tsconfig.json or jsconfig.json (relative and `paths` imports;
 * packages are not the app), the files read from disk and parsed with the core's parser. All of it
 * is kept for the process, so an `eslint .` run or an editor session reads
 * and parses each file once.
 *
 * What rests on other files is kept for one generation: which file an import
 * names, which files reach a storage API, and the models with their
 * summaries (the workspace). A file written since it was read (its
 * modification time or size changed) starts a new generation, and so does
 * a folder that gained or lost a file, noticed within RESOLUTION_LIFETIME_MS;
 * texts and trees of unchanged files are kept across generations.
 *
 * Nothing is read until asked: a file whose text names no storage API and
 * that imports no app file costs only the search of its text.
 */
export class DiskHost implements ModuleHost {
  private readonly files = new DiskFiles(MAX_FILE_BYTES, () => this.newGeneration());
  private resolver!: ModuleResolver;
  private born = 0;
  /** Whether a file reaches a storage API through the app files it imports. */
  private reaches!: (file: string) => boolean;
  /** The app files each file imports, from its text. */
  private importsByFile!: Map<string, string[]>;
  /** Which files each file was seen to import (see resolveModule): what its summaries may rest on. */
  private imported!: Map<string, Set<string>>;
  /** The models of this generation; the linted files' models belong to it too (see workspaceFor). */
  private workspace!: Workspace;
  private generation = 0;

  constructor() {
    this.newGeneration();
  }

  /** Called once per linted file, before anything is asked about it. */
  nextLint(): void {
    this.files.nextLint();
    if (Date.now() - this.born <= RESOLUTION_LIFETIME_MS) return;
    if (this.resolver.unchanged()) this.born = Date.now();
    else this.newGeneration();
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

  /**
   * The workspace for the model of a file about to be analysed. The models
   * kept from earlier lints rest on the files they were seen to import: the
   * stamps of all the files the linted file's imports may reach through them
   * are checked first, and a change among them starts a new generation, so
   * that no model of the old one is used.
   */
  workspaceFor(fileName: string, text: string): Workspace {
    if (isAbsolute(fileName)) {
      for (const specifier of importSpecifiers(text)) {
        const path = this.resolver.resolveModulePath(fileName, specifier);
        if (path !== undefined) this.checkStamps(path);
      }
    }
    return this.workspace;
  }

  resolveModule(fromFile: string, specifier: string): ts.SourceFile | undefined {
    if (!isAbsolute(fromFile)) return undefined;
    const path = this.resolver.resolveModulePath(fromFile, specifier);
    if (path === undefined) return undefined;
    // A file first reached in this lint may have a model kept from earlier ones too (stamps are stat'ed once per lint).
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

  private importsOf(file: string, text: string): string[] {
    let found = this.importsByFile.get(file);
    if (!found) {
      found = [];
      for (const specifier of importSpecifiers(text)) {
        const target = this.resolver.resolveModulePath(file, specifier);
        if (target !== undefined && target !== file) found.push(target);
      }
      this.importsByFile.set(file, found);
    }
    return found;
  }

  private newGeneration(): void {
    this.generation++;
    this.born = Date.now();
    this.resolver = new ModuleResolver(undefined, { watched: true });
    this.importsByFile = new Map();
    this.imported = new Map();
    this.reaches = relevanceOracle(
      (file) => this.files.text(file),
      (file, text) => this.importsOf(file, text),
    );
    this.workspace = new Workspace(this);
  }
}

let shared: DiskHost | undefined;

/** The one disk host of the process: every file ESLint lints without type information shares what it read. */
export function sharedDiskHost(): DiskHost {
  shared ??= new DiskHost();
  return shared;
}
