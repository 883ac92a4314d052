import { isDartFile, isGeneratedDartFile, SOURCE_EXTENSIONS } from '../core/extensions.js';
import { byCodeUnit } from '../core/order.js';
import { isTestPath } from '../core/test-files.js';
import type { DiscoveredFiles } from './discover.js';
import { ignorePatternMatcher } from './patterns.js';
import type { ReadFiles } from './read.js';

// `--stdin --stdin-filename <path>`: an editor's unsaved buffer, audited as
// if it were that file of the app. The rest of the app is read from disk as
// usual, so the project-wide rules and the values imported from other files
// see the buffer in place of the file; only the buffer's findings are reported.

export interface StdinFile {
  /** Absolute path the text stands for; it need not exist. */
  filePath: string;
  text: string;
}

export const isAuditableName = (path: string) =>
  (SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext)) && !/\.d\.[cm]?ts$/.test(path)) || (isDartFile(path) && !isGeneratedDartFile(path));

/** Why the audit would leave the file out, as a "File skipped" note says it; undefined when it audits it. */
export function stdinSkipReason(
  stdin: StdinFile,
  cwd: string,
  isIgnoredByConfig: (file: string) => boolean,
  options: { ignore?: boolean; ignorePatterns?: string[]; includeTests?: boolean },
): string | undefined {
  if (options.ignore !== false && isIgnoredByConfig(stdin.filePath)) return "ignored by the config's ignores (--no-ignore audits it)";
  if (options.ignore !== false && ignorePatternMatcher(options.ignorePatterns ?? [], cwd)(stdin.filePath))
    return 'ignored by --ignore-pattern (--no-ignore audits it)';
  if (!options.includeTests && isTestPath(cwd, stdin.filePath)) return 'a test file (--include-tests audits it)';
  return undefined;
}

/** Puts the text in place of the file on disk (or adds it), or notes it as skipped. */
export function withStdinFile(discovered: DiscoveredFiles, read: ReadFiles, stdin: StdinFile, skipReason: string | undefined): void {
  const path = stdin.filePath;
  for (const map of [read.texts, read.unreadable, read.skipped, read.bytes]) map.delete(path);
  read.bom.delete(path);
  discovered.skipped = (discovered.skipped ?? []).filter((skipped) => skipped.path !== path);
  if (skipReason) {
    discovered.files = discovered.files.filter((file) => file !== path);
    discovered.skipped.push({ path, reason: skipReason });
    return;
  }
  if (!discovered.files.includes(path)) discovered.files = [...discovered.files, path].sort(byCodeUnit);
  const bom = stdin.text.startsWith('\uFEFF');
  if (bom) read.bom.add(path);
  read.texts.set(path, bom ? stdin.text.slice(1) : stdin.text);
}
