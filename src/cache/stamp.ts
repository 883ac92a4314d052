import { statSync, type Stats } from 'node:fs';

// A file's stamp: its size, modification and change times and inode, the
// metadata git compares before it reads a file again. The --cache still keys
// every file by the hash of its content; a stamp only says, cheaply, that the
// content cannot have changed since the hash was taken, so an unchanged app
// is answered without reading its files.
//
// The change time (ctime) is the part that makes this safe: every write sets
// it, and unlike the modification time no tool can set it back, so an edit
// that keeps the size and restores the modification time still shows.

/**
 * How long a file must have been left alone before its stamp is trusted. A
 * file system records times in ticks (Linux takes them from a clock that
 * advances every few milliseconds, FAT every 2 s): a file read in the same
 * tick as its last write could be written again, with the same size, and
 * keep the same stamp. Such a file is read and hashed on the next run instead.
 */
export const SETTLE_MS = 2000;

export function stampOf(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

/** The stamp of a file that has been left alone long enough, else undefined (see SETTLE_MS). */
export function settledStamp(stats: Stats, settledBefore: number): string | undefined {
  return stats.ctimeMs < settledBefore && stats.mtimeMs < settledBefore ? stampOf(stats) : undefined;
}

/** The file's stamp now; undefined when it cannot be stat'ed. */
export function currentStamp(path: string): string | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats ? stampOf(stats) : undefined;
}
