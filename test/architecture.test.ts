import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/run.js';

// The layers of the source, read from its import statements: core at the
// bottom (the analysis model, plain data), then the cache and the audit, the
// ESLint adapter and the reporters, and the CLI on top. Layers point down and
// no file reaches itself through its imports.

/** Import cycles that are known and owned by whoever changes those files next; each entry is removed with its cycle. */
const KNOWN_CYCLES: { files: string[]; why: string }[] = [];

/** Imports across layers that are known, each removed with the change named. */
const KNOWN_CROSSINGS: { from: string; to: string; why: string }[] = [];

/** What each layer must not import. */
const FORBIDDEN: { layer: string; mustNotImport: string[] }[] = [
  { layer: 'src/core/', mustNotImport: ['src/audit/', 'src/cli/', 'src/eslint/', 'src/reporters/', 'src/cache/'] },
  { layer: 'src/eslint/', mustNotImport: ['src/audit/', 'src/cli/'] },
  { layer: 'src/reporters/', mustNotImport: ['src/audit/', 'src/cli/'] },
];

const SOURCE = /\.(?:ts|cts|mts|js|cjs|mjs)$/;
const SPECIFIERS = [
  // import … from '…' / export … from '…', over several lines; [^'"`;]* stops at the first quote, so a string before `from` is no match.
  /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  // import '…' (for its side effects)
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  // import('…') and require('…')
  /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE.test(name) && !/\.d\.[cm]?ts$/.test(name)) files.push(path);
  }
  return files;
}

/** The source file a relative specifier names (`./x.js` is `./x.ts` before compiling), or undefined for a package. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), base.replace(/\.cjs$/, '.cts'), `${base}.ts`, join(base, 'index.ts')];
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  if (!found) throw new Error(`${relative(repoRoot, from)}: cannot resolve '${specifier}'`);
  return found;
}

function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const name = (path: string) => relative(repoRoot, path).split(sep).join('/');
  for (const file of [...sourceFiles(join(repoRoot, 'src')), ...sourceFiles(join(repoRoot, 'rules'))]) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set<string>();
    for (const pattern of SPECIFIERS) {
      for (const match of text.matchAll(pattern)) {
        const target = resolveSpecifier(file, match[1]!);
        if (target) targets.add(name(target));
      }
    }
    graph.set(name(file), targets);
  }
  return graph;
}

/** The groups of files that reach each other (Tarjan's strongly connected components), each sorted; only real cycles. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file)?.has(file)) found.push(group.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('architecture', () => {
  const graph = importGraph();

  it('reads the imports of every source file', () => {
    // Guards the reading itself: a regex that matched nothing would pass every check below.
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('src/cli/main.ts')).toContain('src/cache/index.ts');
    expect(graph.get('src/audit/config.ts')).toContain('src/audit/ajv-loader.cjs'); // an import of a CommonJS file
    expect(graph.get('src/cli/main.ts')).toContain('src/audit/audit.ts'); // a dynamic import
  });

  it('has no import cycles but the known ones', () => {
    const known = KNOWN_CYCLES.map((cycle) => [...cycle.files].sort().join(' → '));
    expect(cycles(graph).map((group) => group.join(' → '))).toEqual(known);
  });

  it('imports only downwards', () => {
    const crossings: string[] = [];
    for (const [from, targets] of graph) {
      for (const { layer, mustNotImport } of FORBIDDEN) {
        if (!from.startsWith(layer)) continue;
        for (const to of targets) if (mustNotImport.some((upper) => to.startsWith(upper))) crossings.push(`${from} → ${to}`);
      }
    }
    expect(crossings.sort()).toEqual(KNOWN_CROSSINGS.map(({ from, to }) => `${from} → ${to}`).sort());
  });
});
