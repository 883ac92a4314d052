import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/**
 * "Does this file / folder exist?" answered from one directory listing per
 * folder, read once and kept for the run. Module resolution and the tsconfig
 * lookup ask these questions many times for the same few folders.
 * Symbolic links are followed with a stat, as the file system would.
 */
type EntryKind = 'file' | 'folder' | 'other';

export class FolderListings {
  private readonly listings = new Map<string, Map<string, EntryKind>>();
  /** Each listed folder's modification time when it was listed; kept only when asked for (see unchanged). */
  private readonly stamps: Map<string, number> | undefined;
  /** With stamps: the names asked about in each folder, and the answers given. */
  private readonly answers: Map<string, Map<string, EntryKind | undefined>> | undefined;

  constructor(options: { stamped?: boolean } = {}) {
    this.stamps = options.stamped ? new Map() : undefined;
    this.answers = options.stamped ? new Map() : undefined;
  }

  /**
   * Whether every answer given still holds. Adding, removing or renaming an
   * entry changes its folder's modification time (editing a file inside does
   * not): a long-lived reader (an editor session) asks this instead of
   * listing every folder again. A folder whose time moved is listed again,
   * and only the names asked about in it count: resolution also looks in the
   * folders above the app (`node_modules` probes up to the root), and a busy
   * one, such as the temp or home folder, changes for reasons that answer
   * nothing asked here. Only for stamped listings.
   */
  unchanged(): boolean {
    if (!this.stamps || !this.answers) throw new Error('FolderListings.unchanged() needs stamped listings');
    for (const [folder, mtimeMs] of this.stamps) {
      if (folderTime(folder) === mtimeMs) continue;
      this.listings.delete(folder);
      const fresh = this.listing(folder);
      for (const [name, kind] of this.answers.get(folder) ?? []) if (fresh.get(name) !== kind) return false;
    }
    return true;
  }

  /**
   * Takes a folder's entries as another reader listed them (the CLI's
   * discovery walk lists every folder of the app), so that no question about
   * that folder lists it again. Stamped listings list for themselves.
   */
  seed(folder: string, dirents: readonly Dirent[]): void {
    if (this.stamps || this.listings.has(folder)) return;
    const entries = new Map<string, EntryKind>();
    for (const entry of dirents) entries.set(entry.name, kindOfEntry(entry, folder));
    this.listings.set(folder, entries);
  }

  /**
   * Whether `path` is a file, from a listing already held (seeded or read);
   * undefined when its folder has not been listed. For lookups that walk up
   * past the app, where listing a large folder (`/tmp`, a home folder) would
   * cost more than asking for the one file.
   */
  heldFile(path: string): boolean | undefined {
    const full = resolve(path);
    return this.heldFilesIn(dirname(full))?.(basename(full));
  }

  /**
   * heldFile for several names of one folder: which of its names are files,
   * from a listing already held; undefined when the folder has not been listed.
   */
  heldFilesIn(folder: string): ((name: string) => boolean) | undefined {
    const entries = this.listings.get(resolve(folder));
    return entries && ((name) => entries.get(name) === 'file');
  }

  hasFile(path: string): boolean {
    return this.kindOf(path) === 'file';
  }

  hasFolder(path: string): boolean {
    const full = resolve(path);
    // The root has no parent listing to look in.
    if (dirname(full) === full) return true;
    return this.kindOf(full) === 'folder';
  }

  private kindOf(path: string): EntryKind | undefined {
    const full = resolve(path);
    const folder = dirname(full);
    const name = basename(full);
    const kind = this.listing(folder).get(name);
    if (this.answers) {
      let asked = this.answers.get(folder);
      if (!asked) this.answers.set(folder, (asked = new Map<string, EntryKind | undefined>()));
      asked.set(name, kind);
    }
    return kind;
  }

  private listing(folder: string): Map<string, EntryKind> {
    let entries = this.listings.get(folder);
    if (!entries) {
      entries = new Map();
      // Stamped before the listing: an entry added in between makes the stamp old, never the listing.
      this.stamps?.set(folder, folderTime(folder));
      let dirents: Dirent[] = [];
      try {
        dirents = readdirSync(folder, { withFileTypes: true });
      } catch {
        // A folder that is missing or unreadable holds nothing resolution can use.
      }
      for (const entry of dirents) entries.set(entry.name, kindOfEntry(entry, folder));
      this.listings.set(folder, entries);
    }
    return entries;
  }
}

/** A folder's modification time; -1 when it is missing or cannot be read. */
function folderTime(folder: string): number {
  try {
    return statSync(folder, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  } catch {
    return -1;
  }
}

function kindOfEntry(entry: Dirent, folder: string): EntryKind {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'folder';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = statSync(resolve(folder, entry.name));
    return target.isFile() ? 'file' : target.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other'; // a dangling link
  }
}
