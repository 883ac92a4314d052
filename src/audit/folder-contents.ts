/**
 * What a folder holds, as far as a run knows without asking the disk again:
 * false only for a file it knows is absent. The discovery walk's
 * FolderListing is one; lookups that take none ask the disk.
 */
export interface FolderContents {
  mayHold(dir: string, name: string): boolean;
}
