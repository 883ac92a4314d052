import { ROOT_MARKERS } from './app-roots.js';
import { CONFIG_FILE_NAMES } from './config-file.js';
import type { FolderContents } from './folder-contents.js';

/** The file names a run looks for in every folder of the app: its config files and the app-root markers. */
const LOOKED_FOR = new Set<string>([...CONFIG_FILE_NAMES, ...ROOT_MARKERS]);

const NONE: ReadonlySet<string> = new Set();

/**
 * What the discovery walk saw in the folders it listed, of the file names
 * the config lookup and the app-root lookup ask each folder about (see
 * LOOKED_FOR). The walk lists every folder anyway; without this, each lookup
 * asked the disk again, three or four times per folder, and most folders of
 * an app hold none of those files. A folder the walk did not list (above the
 * working directory, or left out by an ignore) is asked on disk as before.
 */
export class FolderListing implements FolderContents {
  private readonly folders = new Map<string, ReadonlySet<string>>();

  /** Records the names a listed folder holds; `dir` as the walk reached it. */
  record(dir: string, names: readonly string[]): void {
    let held: Set<string> | undefined;
    for (const name of names) if (LOOKED_FOR.has(name)) (held ??= new Set()).add(name);
    this.folders.set(dir, held ?? NONE);
  }

  /**
   * False only when the walk listed `dir` and saw no entry called `name`
   * (one of LOOKED_FOR). True otherwise: the disk is then asked, which also
   * tells whether an entry of that name is a readable file.
   */
  mayHold(dir: string, name: string): boolean {
    const held = this.folders.get(dir);
    return held === undefined || !LOOKED_FOR.has(name) || held.has(name);
  }
}
