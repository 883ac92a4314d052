import { dirname, resolve } from 'node:path';
import { configLocator, type FoundConfig } from './config-file.js';
import { resolveFound, withPreset, type Preset, type ResolvedConfig } from './config.js';
import { FolderListings } from '../core/folder-listings.js';

// The configs of a run. Each file has the config nearest to its folder, as
// ESLint's flat config lookup gives each file its own: in a monorepo,
// `apps/wallet/securestore-audit.config.json` governs the wallet's files and
// no other app's, whichever folder the audit runs from. `--config` (or a
// config handed to `audit()`) is the config of every file, as ESLint's `-c`.

export interface ConfigSet {
  /** The config of the files in this folder. */
  forFolder: (dir: string) => ResolvedConfig;
  forFile: (file: string) => ResolvedConfig;
  /** True for a file its own config's `ignores` leave out. */
  isIgnored: (file: string) => boolean;
  /**
   * The run's folder listings, which its discovery walk fills (see
   * DiscoverOptions.listing): the config lookup asks them instead of the
   * disk, and so do the app-root lookup and module resolution.
   */
  folders: FolderListings;
}

export interface ConfigChoice {
  /** The `--config` file, relative to `cwd`. */
  configFile?: string;
  /** `--strict`: every config on this preset. */
  preset?: Preset;
  /** A resolved config for every file. */
  config?: ResolvedConfig;
}

const onPreset = (config: ResolvedConfig, preset: Preset | undefined) => (preset && preset !== config.preset ? withPreset(config, preset) : config);

export function configSet(cwd: string, { configFile, preset, config }: ConfigChoice): ConfigSet {
  if (config) return single(onPreset(config, preset));
  if (configFile) return single(onPreset(resolveFound(configLocator(cwd, configFile)(cwd), cwd), preset));
  const folders = new FolderListings();
  const locate = configLocator(cwd, undefined, folders);
  // One resolved config per config file (undefined: no file, the defaults), validated when a file first needs it.
  const resolved = new Map<FoundConfig | undefined, ResolvedConfig>();
  const forFolder = (dir: string): ResolvedConfig => {
    const found = locate(resolve(cwd, dir));
    let known = resolved.get(found);
    if (!known) resolved.set(found, (known = onPreset(resolveFound(found, cwd), preset)));
    return known;
  };
  // By the folder as the path names it: resolving every path of a large app costs more than the lookup.
  const byNamedFolder = new Map<string, ResolvedConfig>();
  const forFile = (file: string): ResolvedConfig => {
    const named = dirname(file);
    let known = byNamedFolder.get(named);
    if (!known) byNamedFolder.set(named, (known = forFolder(resolve(cwd, named))));
    return known;
  };
  // The working directory's config is read first, as before: a broken one is an error even where no file is found.
  forFolder(cwd);
  return { forFolder, forFile, isIgnored: (file) => forFile(file).isIgnored(file), folders };
}

function single(config: ResolvedConfig): ConfigSet {
  return { forFolder: () => config, forFile: () => config, isIgnored: config.isIgnored, folders: new FolderListings() };
}
