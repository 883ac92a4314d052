import { ts } from '../core/ts.js';
import type { ModuleHost } from '../core/model.js';
import type { FolderListings } from '../core/folder-listings.js';
import { ModuleResolver } from '../core/module-resolver.js';
import { parseSource } from '../core/parse.js';
import { syntaxIndex } from '../core/syntax-index.js';

/**
 * The CLI's view of the app: imports resolved as TypeScript would (see
 * ModuleResolver), and every audited file parsed at most once. No program
 * and no type checker: syntax trees are all the rules need.
 */
export class ProjectHost extends ModuleResolver implements ModuleHost {
  private readonly parsed = new Map<string, ts.SourceFile | null>();
  private readonly failures = new Map<string, { error: unknown }>();
  parseCount = 0;

  /** `texts`: the audited files, already read (BOM removed); `listings`: the folders the run's discovery walk listed. */
  constructor(
    private readonly texts: Map<string, string> = new Map(),
    listings?: FolderListings,
  ) {
    super((path) => texts.has(path), { listings });
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

  /**
   * Per file: the name sets (SyntaxIndex.memberNames and declaredNames) of
   * itself and of the app files it imports that may reach an API, directly
   * or not, and the answers given so far; undefined when one of those files
   * could not be parsed or walked (every name may then be one of its).
   */
  private readonly memberScopes = new Map<string, { names: ReadonlySet<string>[]; answers: Map<string, boolean> } | undefined>();

  /**
   * See ModuleHost.mayNameMember. The names come from the syntax index of
   * each file the caller's imports reach: the files its resolution could
   * enter, which a run parses anyway (they are relevant, and imported, so
   * kept). Only names of member calls are asked about: an identifier's
   * lookup is cheap already.
   */
  mayNameMember(file: string, name: string): boolean {
    let scope = this.memberScopes.get(file);
    if (scope === undefined && !this.memberScopes.has(file)) {
      const names = this.namesReachedFrom(file);
      scope = names && { names, answers: new Map() };
      this.memberScopes.set(file, scope);
    }
    if (!scope) return true;
    let answer = scope.answers.get(name);
    if (answer === undefined) {
      answer = scope.names.some((names) => names.has(name));
      scope.answers.set(name, answer);
    }
    return answer;
  }

  private namesReachedFrom(file: string): ReadonlySet<string>[] | undefined {
    const reached = new Set<string>([file]);
    const pending = [file];
    const names: ReadonlySet<string>[] = [];
    while (pending.length > 0) {
      const next = pending.pop()!;
      let sf: ts.SourceFile | undefined;
      try {
        sf = this.sourceFile(next);
      } catch {
        return undefined;
      }
      if (!sf) continue; // not one of the audited files: nothing in it is the app's
      const index = syntaxIndex(sf);
      if (index.tooDeep) return undefined;
      names.push(index.memberNames, index.declaredNames);
      for (const imported of this.importsOf(next, this.texts.get(next) ?? '')) {
        if (reached.has(imported) || !(this.reachesApis?.(imported) ?? true)) continue;
        reached.add(imported);
        pending.push(imported);
      }
    }
    return names;
  }

  private readonly mentioned = new Map<string, boolean>();
  /** The texts of the files that may reach an API, gathered at the first question. */
  private apiTexts?: string[];

  /**
   * See ModuleHost.mentions: asked of a few fixed texts, for every call the
   * rules classify, and each answered by one search of the files that may
   * reach an API. The search is a method of its own, so the answer to a
   * question asked before is all V8 compiles into the callers.
   */
  mentions(text: string): boolean {
    return this.mentioned.get(text) ?? this.search(text);
  }

  private search(text: string): boolean {
    this.apiTexts ??= [...this.texts.keys()].filter((file) => this.reachesApis?.(file) ?? true).map((file) => this.texts.get(file)!);
    const found = this.apiTexts.some((fileText) => fileText.includes(text));
    this.mentioned.set(text, found);
    return found;
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
