import { describe, expect, it } from 'vitest';
import { FolderListing } from '../../src/audit/folder-listing.js';

describe('FolderListing', () => {
  const listing = new FolderListing();
  listing.record('/app', ['package.json', 'App.tsx', 'src']);
  listing.record('/app/src', ['index.ts']);

  it('says a listed folder may hold a looked-for file it listed', () => {
    expect(listing.mayHold('/app', 'package.json')).toBe(true);
  });

  it('says a listed folder holds no looked-for file it did not list', () => {
    expect(listing.mayHold('/app', 'pubspec.yaml')).toBe(false);
    expect(listing.mayHold('/app', 'securestore-audit.config.json')).toBe(false);
    expect(listing.mayHold('/app/src', 'package.json')).toBe(false);
  });

  it('leaves folders it never listed, and names it does not look for, to the disk', () => {
    expect(listing.mayHold('/', 'package.json')).toBe(true);
    expect(listing.mayHold('/app/lib', 'securestore-audit.config.jsonc')).toBe(true);
    expect(listing.mayHold('/app', 'tsconfig.json')).toBe(true);
  });
});
