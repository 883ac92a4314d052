import { statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { ts } from './ts.js';
import { FolderListings } from './folder-listings.js';
import { importResolver } from './prefilter.js';

/**
 * Which app file an import names, as TypeScript would resolve it: compiler
 * options from the nearest tsconfig.json or jsconfig.json of each file (so `paths` aliases
 * resolve), and each answer found once. Packages (node_modules) and
 * declaration files are not the app: they resolve to nothing. Shared by the
 * CLI's project host and the ESLint plugin's reading of files from disk.
 */
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

export class ModuleResolver {
  private readonly optionsByConfig = new Map<string, ts.CompilerOptions>();
  /** importsKeepNames, by compiler options. */
  private readonly keepsNames = new Map<ts.CompilerOptions, boolean>();
  private readonly configByDir = new Map<string, string | undefined>();
  readonly configProblems: string[] = [];
  /**
   * Config files read (tsconfig.json and what it extends), and those looked
   * for and not found: inputs of the analysis, for the cache. A tsconfig.json
   * added where none was found changes the options of the files below it.
   */
  readonly inputs = new Set<string>();
  /** The stamp each file read or looked for had then, when the resolver is watched (see unchanged). */
  private readonly inputStamps: Map<string, string> | undefined;
  private readonly configExists = (path: string): boolean => {
    this.addInput(path);
    // A folder the run's discovery listed answers without a stat (most of an app's folders hold no tsconfig.json).
    // A watched resolver asks the disk: its listings are its own, stamped for what resolution asked.
    const held = this.inputStamps ? undefined : this.listings.heldFile(path);
    return held ?? ts.sys.fileExists(path);
  };
  private readonly configHost: ts.ParseConfigHost = {
    ...ts.sys,
    fileExists: this.configExists,
    readFile: (path) => {
      this.addInput(path);
      return ts.sys.readFile(path);
    },
    // Only the compiler options matter here, not the project's file list: don't walk the app for it.
    readDirectory: () => [],
  };
  /**
   * Resolutions by folder (relative specifiers) or by config (the others),
   * then by specifier: see resolveModulePath. Two levels, so that a lookup
   * joins no strings; null is a specifier known not to lead to an app file.
   */
  private readonly resolutions = new Map<string, Map<string, string | null>>();
  /**
   * Resolution probes several names per import (`x.ts`, `x.tsx`, `x/index.ts`…);
   * answering them from one listing per folder, and from the files already
   * read, replaces a stat call per probe.
   */
  private readonly listings: FolderListings;
  private readonly resolutionHost: ts.ModuleResolutionHost = {
    fileExists: (path) => this.knownFile(resolve(path)) || this.listings.hasFile(path),
    directoryExists: (path) => this.listings.hasFolder(path),
    // A package.json of a local folder module, read for its `main` or `exports`.
    readFile: (path) => {
      this.inputStamps?.set(resolve(path), fileStamp(path));
      return ts.sys.readFile(path);
    },
    realpath: ts.sys.realpath?.bind(ts.sys),
    getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
  };
  /** The app files a file imports, from its text; memoised per file (see importResolver). */
  readonly importsOf = importResolver((from, spec) => this.resolveModulePath(from, spec));

  /**
   * `knownFile`: files known to exist without asking the file system (the
   * CLI's audited files, already read), as an absolute, normalised path.
   */
  constructor(
    private readonly knownFile: (path: string) => boolean = () => false,
    /**
     * Watched: it can tell later whether what it read is still so (a long-lived reader, such as an editor's).
     * `listings`: folder listings the run already holds (the CLI's discovery walk fills one), for an unwatched resolver.
     */
    options: { watched?: boolean; listings?: FolderListings } = {},
  ) {
    this.listings = options.listings && !options.watched ? options.listings : new FolderListings({ stamped: options.watched });
    this.inputStamps = options.watched ? new Map() : undefined;
  }

  /**
   * For a watched resolver: whether every answer it gave still holds, because
   * no folder it listed gained or lost an entry and no config or package.json
   * it read (or looked for) changed. Costs a stat per folder and per file.
   */
  unchanged(): boolean {
    if (!this.inputStamps) throw new Error('ModuleResolver.unchanged() needs a watched resolver');
    for (const [path, stamp] of this.inputStamps) if (fileStamp(path) !== stamp) return false;
    return this.listings.unchanged();
  }

  private addInput(path: string): void {
    const full = resolve(path);
    this.inputs.add(full);
    if (this.inputStamps && !this.inputStamps.has(full)) this.inputStamps.set(full, fileStamp(full));
  }

  private configFor(fileName: string): string | undefined {
    return this.configIn(dirname(fileName));
  }

  /**
   * The nearest tsconfig.json or jsconfig.json at or above a folder, as
   * TypeScript's language service finds a file's project (a JavaScript app's
   * `paths` live in jsconfig.json); a tsconfig.json wins in the same folder.
   * Memoised per folder, the folders above included.
   */
  private configIn(dir: string): string | undefined {
    const known = this.configByDir.get(dir);
    return known !== undefined || this.configByDir.has(dir) ? known : this.lookForConfig(dir);
  }

  /** configIn for a folder not asked about before: apart, so that what every import's resolution compiles is the memo lookup. */
  private lookForConfig(dir: string): string | undefined {
    let found = CONFIG_NAMES.map((name) => join(dir, name)).find(this.configExists);
    const parent = dirname(dir);
    if (found === undefined && parent !== dir) found = this.configIn(parent);
    this.configByDir.set(dir, found);
    return found;
  }

  /** Compiler options for module resolution; a broken tsconfig still gives what it can. */
  compilerOptionsFor(fileName: string): ts.CompilerOptions {
    const config = this.configFor(fileName);
    const key = config ?? '';
    let options = this.optionsByConfig.get(key);
    if (!options) {
      options = {};
      if (config) {
        const read = ts.readConfigFile(config, (path) => this.configHost.readFile(path));
        if (read.error) this.configProblems.push(`${config}: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}`);
        else options = ts.parseJsonConfigFileContent(read.config, this.configHost, dirname(config), undefined, config).options;
      }
      // Expo's base config sets bundler resolution; without it, fall back to the same.
      if (options.moduleResolution === undefined || options.moduleResolution === ts.ModuleResolutionKind.Classic) {
        options = { ...options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext };
      }
      options = { ...options, allowJs: true };
      this.optionsByConfig.set(key, options);
    }
    return options;
  }

  /** The app file a specifier points to, without parsing anything. */
  resolveModulePath(fromFile: string, specifier: string): string | undefined {
    // A relative specifier depends on the importing folder; any other reaches
    // an app file only through the config's `paths` (or `baseUrl`), the same
    // from every folder under that config (what node_modules holds is not the app).
    const relative = specifier.startsWith('.') || specifier.startsWith('/');
    // Folders are absolute paths and never empty; a config's key is its path after a NUL (none: the NUL alone).
    const scope = relative ? dirname(fromFile) : `\u0000${this.configFor(fromFile) ?? ''}`;
    let known = this.resolutions.get(scope);
    if (!known) {
      known = new Map();
      this.resolutions.set(scope, known);
    }
    const found = known.get(specifier);
    if (found !== undefined) return found ?? undefined;
    const path = relative || this.mayBeAlias(fromFile, specifier) ? this.resolveUncached(fromFile, specifier) : undefined;
    known.set(specifier, path ?? null);
    return path;
  }

  private resolveUncached(fromFile: string, specifier: string): string | undefined {
    const options = this.compilerOptionsFor(fromFile);
    const path = this.commonCase(fromFile, specifier, options);
    if (path !== undefined) return path;
    const resolved = ts.resolveModuleName(specifier, fromFile, options, this.resolutionHost).resolvedModule;
    return !resolved || resolved.isExternalLibraryImport || /\.d\.[cm]?ts$/.test(resolved.resolvedFileName) ? undefined : resolve(resolved.resolvedFileName);
  }

  /**
   * The answer TypeScript's resolver gives, found without it when that is
   * certain: an extensionless relative or `paths` specifier whose first
   * candidate is `<candidate>.ts` or `.tsx` (the first two names the resolver
   * tries). Anything else (a folder, an explicit extension, several
   * substitutions, `moduleSuffixes`) is left to the resolver: undefined.
   */
  private commonCase(fromFile: string, specifier: string, options: ts.CompilerOptions): string | undefined {
    if (options.moduleSuffixes?.length || /(^|\/)\.{0,2}$/.test(specifier) || /\.[a-z]+$/i.test(specifier)) return undefined;
    let candidate: string | undefined;
    if (specifier.startsWith('./') || specifier.startsWith('../')) {
      candidate = resolve(dirname(fromFile), specifier);
    } else if (options.paths) {
      const pattern = bestPathsPattern(Object.keys(options.paths), specifier);
      const substitution = pattern === undefined ? undefined : options.paths[pattern]?.[0];
      // pathsBasePath: where the config that set `paths` lives (set by the config parser).
      const base = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath;
      if (pattern === undefined || substitution === undefined || base === undefined || /\.[a-z]+$/i.test(substitution)) return undefined;
      const star = pattern.indexOf('*');
      const matched = star < 0 ? '' : specifier.slice(star, specifier.length - (pattern.length - star - 1));
      candidate = resolve(base, substitution.replace('*', matched));
    }
    if (candidate === undefined || candidate.includes(`${sep}node_modules${sep}`)) return undefined;
    for (const extension of ['.ts', '.tsx']) {
      // The candidate is absolute and normalised already: an audited file is found without resolving it again.
      const file = candidate + extension;
      if (this.knownFile(file) || this.listings.hasFile(file)) return file;
    }
    return undefined;
  }

  /**
   * Whether every import of this file reaches a file by the name its last
   * segment gives (see specifierName): true unless the file's config can
   * rewrite names, with `moduleSuffixes` (`./store` reaching `store.ios.ts`)
   * or a `paths` entry that is not `prefix*` → `path*` (`@vault` reaching
   * `src/secureVault.ts`).
   */
  importsKeepNames(fromFile: string): boolean {
    const options = this.compilerOptionsFor(fromFile);
    let keeps = this.keepsNames.get(options);
    if (keeps === undefined) {
      const oneStar = (pattern: string) => pattern.indexOf('*') >= 0 && pattern.indexOf('*') === pattern.lastIndexOf('*');
      keeps =
        !options.moduleSuffixes?.length &&
        Object.entries(options.paths ?? {}).every(
          ([pattern, substitutions]) => oneStar(pattern) && pattern.endsWith('*') && substitutions.every((s) => oneStar(s) && s.endsWith('*')),
        );
      this.keepsNames.set(options, keeps);
    }
    return keeps;
  }

  /** Bare specifiers only resolve inside the app through `paths`; skip the lookup otherwise. */
  private mayBeAlias(fromFile: string, specifier: string): boolean {
    const paths = this.compilerOptionsFor(fromFile).paths;
    return paths !== undefined && bestPathsPattern(Object.keys(paths), specifier) !== undefined;
  }
}

/** A file's modification time and size, or 'missing'. */
function fileStamp(path: string): string {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat ? `${stat.mtimeMs}:${stat.size}` : 'missing';
  } catch {
    return 'missing';
  }
}

/** The `paths` pattern TypeScript would pick: an exact match, else the matching wildcard with the longest prefix. */
function bestPathsPattern(patterns: string[], specifier: string): string | undefined {
  if (patterns.includes(specifier)) return specifier;
  let best: string | undefined;
  let longest = -1;
  for (const pattern of patterns) {
    const star = pattern.indexOf('*');
    if (star < 0 || pattern.indexOf('*', star + 1) >= 0) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    const matches = specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
    if (matches && prefix.length > longest) {
      longest = prefix.length;
      best = pattern;
    }
  }
  return best;
}
