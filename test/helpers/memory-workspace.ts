import { posix } from 'node:path';
import { Workspace, type FileModel } from '../../src/core/model.js';
import { parseSource } from '../../src/core/parse.js';

/**
 * A workspace over in-memory files with a tiny module host: relative
 * specifiers resolve by path join plus `.ts`, `.tsx` or `/index.ts`, and `@/x` maps to `/x`.
 */
export function memoryWorkspace(files: Record<string, string>, crossFile = true): { workspace: Workspace; file: (name: string) => FileModel } {
  const parsed = new Map(Object.entries(files).map(([name, text]) => [name, parseSource(name, text)]));
  const workspace = new Workspace(
    crossFile
      ? {
          resolveModule(from, specifier) {
            const base = specifier.startsWith('@/')
              ? `/${specifier.slice(2)}`
              : specifier.startsWith('.')
                ? posix.join(posix.dirname(from), specifier)
                : undefined;
            if (!base) return undefined;
            for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (parsed.has(candidate)) return parsed.get(candidate);
            return undefined;
          },
        }
      : undefined,
  );
  return { workspace, file: (name) => workspace.file(parsed.get(name)!) };
}
