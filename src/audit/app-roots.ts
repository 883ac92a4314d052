import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FolderListings } from '../core/folder-listings.js';

// An app's root: the closest folder above a file that holds a `package.json`
// (an Expo / React Native app, or a JavaScript package) or a `pubspec.yaml`
// (a Flutter app or Dart package). The project-wide rules compare the files
// of one root with each other only: a repo with an Expo app and a Flutter app
// holds two sets of keys, on two devices' worth of storage, and a sign-out in
// one says nothing about the other's keys.

export const ROOT_MARKERS = ['package.json', 'pubspec.yaml'] as const;

export interface AppRoot {
  /** The folder, or '' when no folder above the file has a marker. */
  dir: string;
  /** The marker files found there (inputs of the analysis, for --cache). */
  markers: string[];
  /** The Dart package's name, from pubspec.yaml's `name:`. */
  dartPackage?: string;
}

const NO_ROOT: AppRoot = { dir: '', markers: [] };

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `name: my_app` at the start of a line (a top-level key), as pub reads it; quotes allowed. */
export function pubspecName(text: string): string | undefined {
  const match = /^name:[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1[ \t]*(?:#.*)?$/m.exec(text);
  return match?.[2];
}

function readPubspecName(path: string): string | undefined {
  try {
    return pubspecName(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Finds each file's root, asking once per folder: from the folder's listing
 * when the run holds it (`listing`, see FolderListings.heldFilesIn), else the disk.
 */
export function appRoots(listing?: FolderListings): (file: string) => AppRoot {
  const byDir = new Map<string, AppRoot>();
  const rootOfDir = (dir: string): AppRoot => {
    const known = byDir.get(dir);
    if (known) return known;
    const held = listing?.heldFilesIn(dir);
    const markers = ROOT_MARKERS.filter((name) => held?.(name) ?? isFile(join(dir, name))).map((name) => join(dir, name));
    let root: AppRoot;
    if (markers.length > 0) {
      const pubspec = markers.find((m) => m.endsWith('pubspec.yaml'));
      const dartPackage = pubspec ? readPubspecName(pubspec) : undefined;
      root = { dir, markers, ...(dartPackage ? { dartPackage } : {}) };
    } else {
      const parent = dirname(dir);
      root = parent === dir ? NO_ROOT : rootOfDir(parent);
    }
    byDir.set(dir, root);
    return root;
  };
  return (file) => rootOfDir(dirname(file));
}
