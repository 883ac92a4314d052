import { displayPath } from '../core/display-path.js';
import type { AuditResult } from '../core/result.js';

/** What `--debug` says of the app roots read for the named paths. */
export function appContextLine(context: NonNullable<AuditResult['context']>): string {
  const lines: string[] = [];
  const shown = (dirs: string[]) => dirs.map((dir) => (dir === process.cwd() ? '.' : displayPath(dir))).join(', ');
  if (context.roots.length > 0)
    lines.push(
      `securestore-audit: the rest of the app read for the named paths: ${shown(context.roots)}` +
        (context.named ? ` (findings reported in the ${context.named.length} named file${context.named.length === 1 ? '' : 's'} only)` : ''),
    );
  if (context.unrooted.length > 0)
    lines.push(`securestore-audit: no package.json or pubspec.yaml above ${shown(context.unrooted)}: analysed with the other named paths only`);
  return lines.map((line) => `${line}\n`).join('');
}
