import { readFileSync, statSync } from 'node:fs';

/**
 * The app's files as they are on disk, read once and kept for the process
 * (an `eslint .` run, or an editor's ESLint server), each with the stamp
 * (modification time and size) it had when read. A file is stat'ed again at
 * most once per lint: a stamp that changed means the file was written; it is
 * read again, what was derived from its old text goes, and `onChange` is told
 * so that what rests on several files goes too.
 */
export class DiskFiles {
  private readonly files = new Map<string, DiskFile>();
  private lint = 0;

  constructor(
    /** Files larger than this are not read (the CLI's default --max-file-size skips them too). */
    private readonly maxBytes: number,
    private readonly onChange: () => void,
  ) {}

  /** A new file is being linted: every stamp is checked again before it is trusted. */
  nextLint(): void {
    this.lint++;
  }

  /** The file's text (BOM removed), or undefined when it is missing, not a file or too large. */
  text(path: string): string | undefined {
    return this.file(path).text;
  }

  /** What has been derived from the file's current text, by the deriver's slot; dropped with the text. */
  derived<T>(path: string, slot: symbol, derive: (text: string) => T): T | undefined {
    const file = this.file(path);
    if (file.text === undefined) return undefined;
    if (!file.derived.has(slot)) file.derived.set(slot, derive(file.text));
    return file.derived.get(slot) as T;
  }

  /** Checks the stamp of a file already read (once per lint); a change is reported to `onChange`. */
  refresh(path: string): void {
    if (this.files.has(path)) this.file(path);
  }

  private file(path: string): DiskFile {
    const known = this.files.get(path);
    if (known !== undefined && known.checkedAt === this.lint) return known;
    const stat = statSync(path, { throwIfNoEntry: false });
    const mtimeMs = stat?.isFile() ? stat.mtimeMs : -1;
    const size = stat?.isFile() ? stat.size : -1;
    if (known !== undefined && known.mtimeMs === mtimeMs && known.size === size) {
      known.checkedAt = this.lint;
      return known;
    }
    const file: DiskFile = { mtimeMs, size, checkedAt: this.lint, text: readText(path, size, this.maxBytes), derived: new Map() };
    if (known !== undefined) this.onChange();
    this.files.set(path, file);
    return file;
  }
}

interface DiskFile {
  mtimeMs: number;
  size: number;
  /** The lint during which the stamp was last compared with the disk's. */
  checkedAt: number;
  text: string | undefined;
  derived: Map<symbol, unknown>;
}

function readText(path: string, size: number, maxBytes: number): string | undefined {
  if (size < 0 || size > maxBytes) return undefined;
  try {
    const text = readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    // Removed or unreadable between the stat and the read: as good as missing.
    return undefined;
  }
}
