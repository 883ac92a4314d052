import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderListings } from '../../src/core/folder-listings.js';
import { tempProject } from '../helpers/temp-project.js';

// The discovery walk hands each folder's listing to the run's FolderListings
// (seed), so the config and app-root lookups and module resolution answer
// from it; a folder never listed is answered by heldFile as unknown.

describe('FolderListings seeded by another reader', () => {
  it('answers from the seeded listing, not the disk', () => {
    const dir = tempProject({ 'package.json': '{}', 'src/a.ts': '' });
    const listings = new FolderListings();
    listings.seed(dir, readdirSync(dir, { withFileTypes: true }));
    // Written after the listing was taken: a seeded folder is not listed again.
    writeFileSync(join(dir, 'pubspec.yaml'), 'name: app\n');
    expect(listings.heldFile(join(dir, 'package.json'))).toBe(true);
    expect(listings.heldFile(join(dir, 'pubspec.yaml'))).toBe(false);
    expect(listings.hasFile(join(dir, 'pubspec.yaml'))).toBe(false);
    expect(listings.hasFolder(join(dir, 'src'))).toBe(true);
    // Several names of one folder: a folder is no file.
    const isFile = listings.heldFilesIn(dir)!;
    expect(['package.json', 'pubspec.yaml', 'src'].filter(isFile)).toEqual(['package.json']);
  });

  it('holds no answer for a folder neither seeded nor listed', () => {
    const dir = tempProject({ 'package.json': '{}' });
    const listings = new FolderListings();
    expect(listings.heldFile(join(dir, 'package.json'))).toBeUndefined();
    expect(listings.heldFilesIn(dir)).toBeUndefined();
    // hasFile lists the folder itself; heldFile then answers from that listing.
    expect(listings.hasFile(join(dir, 'package.json'))).toBe(true);
    expect(listings.heldFile(join(dir, 'package.json'))).toBe(true);
  });

  it('a stamped listing lists for itself: seeding does not replace what it reads', () => {
    const dir = tempProject({ 'package.json': '{}' });
    const stale = readdirSync(dir, { withFileTypes: true });
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'x.ts'), '');
    rmSync(join(dir, 'package.json'));
    const listings = new FolderListings({ stamped: true });
    listings.seed(dir, stale);
    expect(listings.hasFile(join(dir, 'package.json'))).toBe(false);
    expect(listings.hasFolder(join(dir, 'lib'))).toBe(true);
  });
});
