import { ts } from '../core/ts.js';
import type { ModuleHost } from '../core/model.js';
import { ModuleResolver } from '../core/module-resolver.js';
import { parseSource } from '../core/parse.js';

/**
 * The CLI's view of the app: imports resolved as TypeScript would (see
 * ModuleResolver), and every audited file parsed at most once. No program
 * and no type checker: syntax trees are all the rules need.
 */
export class ProjectHost extends ModuleResolver implements ModuleHost {
  private readonly parsed = new Map<string, ts.SourceFile | null>();
  private readonly failures = new Map<string, { error: unknown }>();
  parseCount = 0;

  /** `texts`: the audited files, already read (BOM removed). */
  constructor(private readonly texts: Map<string, string> = new Map()) {
    super((path) => texts.has(path));
  }

  /**
   * Set once the prefilter has run: whether an audited file reaches a storage
   * API through its imports. Unset (the prefilter is off), every module may.
   */
  reachesApis?: (file: string) => boolean;

  /** Set with reachesApis: whether an audited file reaches expo-local-authentication through its imports. */
  reachesLocalAuth?: (file: string) => boolean;

  mayReachLocalAuth(file: string): boolean {
    return this.reachesLocalAuth?.(file) ?? true;
  }

  mayReachApis(fromFile: string, specifier: string): boolean {
    if (!this.reachesApis) return true;
    const path = this.resolveModulePath(fromFile, specifier);
    // Not one of the audited files: the lookup finds nothing either way.
    return path === undefined || !this.texts.has(path) || this.reachesApis(path);
  }

  resolveModule(fromFile: string, specifier: string): ts.SourceFile | undefined {
    const path = this.resolveModulePath(fromFile, specifier);
    return path === undefined ? undefined : this.sourceFile(path);
  }

  /**
   * The parsed file, or undefined when it is not one of the audited files:
   * nothing outside the paths the user gave is read. Parses once.
   */
  sourceFile(fileName: string): ts.SourceFile | undefined {
    const known = this.parsed.get(fileName);
    if (known !== undefined) return known ?? undefined;
    const text = this.texts.get(fileName);
    if (text === undefined) {
      this.parsed.set(fileName, null);
      return undefined;
    }
    // A file the parser could not get through (it ran out of stack) fails the
    // same way for every file that imports it: parsed once, the error kept.
    const failure = this.failures.get(fileName);
    if (failure !== undefined) throw failure.error;
    this.parseCount++;
    let sf: ts.SourceFile;
    try {
      sf = parseSource(fileName, text);
    } catch (error) {
      this.failures.set(fileName, { error });
      throw error;
    }
    this.parsed.set(fileName, sf);
    return sf;
  }

  /** Lets go of a parsed file's tree (see ProjectFiles.release); asked for again, it is parsed again. */
  forget(fileName: string): void {
    if (this.parsed.get(fileName)) this.parsed.delete(fileName);
  }
}
