import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { ts } from '../../src/core/ts.js';
import { repoRoot } from '../helpers/run.js';
import { tempProject } from '../helpers/temp-project.js';
import { runCliWith } from './helpers/cli.js';
import { changedPaths, snapshotTree } from './helpers/tree.js';

// The audited code is read, never run: not the app's sources, not its config
// files (ours, ESLint's, Babel's, Expo's), not its packages, not its npm
// scripts or TypeScript plugins. And nothing is fetched: the audit works
// offline, and a file name or a `$schema` URL never becomes a request.

const PRELOAD = join(dirname(fileURLToPath(import.meta.url)), 'helpers/no-network.cjs');
const NS = "import * as SecureStore from 'expo-secure-store';\n";

/** Where the file `name` leaves its marker when run: one flat directory, `/` spelled `__`. */
const markerPath = (markers: string, name: string) => JSON.stringify(join(markers, name.replace(/\//g, '__')));
/** Statements that leave a marker when run, in each module flavour. */
const cjsMarker = (markers: string, name: string) => `require('fs').writeFileSync(${markerPath(markers, name)}, 'ran');\n`;
const esmMarker = (markers: string, name: string) => `import { writeFileSync } from 'node:fs';\nwriteFileSync(${markerPath(markers, name)}, 'ran');\n`;
const shellMarker = (markers: string, name: string) => `node -e "require('fs').writeFileSync(process.argv[1], 'ran')" ${markerPath(markers, name)}`;

function fixture(markers: string): string {
  // Files that use SecureStore cleanly, so they are parsed and analysed (ESM and CommonJS flavours).
  const read = (name: string) => `SecureStore.getItemAsync('${name}.token', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY })`;
  // The header comes first: the marker code is the file's first statement.
  const storage = (name: string, marker: string) => `// SecureStore prefix: ${name}.*\n${marker}${NS}export const read = () => ${read(name)};\n`;
  const cjsStorage = (name: string, marker: string) =>
    `// SecureStore prefix: ${name}.*\n${marker}const SecureStore = require('expo-secure-store');\nexports.read = () => ${read(name)};\n`;
  const scripts = Object.fromEntries(
    ['preinstall', 'install', 'postinstall', 'prepare', 'pretest', 'test', 'prelint', 'lint'].map((s) => [s, shellMarker(markers, `script-${s}`)]),
  );
  return tempProject({
    'package.json': JSON.stringify(
      { name: 'hostile-app', version: '1.0.0', main: 'index.js', scripts, dependencies: { 'expo-secure-store': '*', 'evil-package': '*' } },
      null,
      2,
    ),
    'index.js': cjsStorage('index', cjsMarker(markers, 'index.js')),
    // Config files of every tool an Expo app has; none of them is ours to load.
    'securestore-audit.config.js': cjsMarker(markers, 'securestore-audit.config.js') + 'module.exports = { rules: {} };\n',
    'securestore-audit.config.mjs': esmMarker(markers, 'securestore-audit.config.mjs') + 'export default { rules: {} };\n',
    'securestore-audit.config.cjs': cjsMarker(markers, 'securestore-audit.config.cjs') + 'module.exports = { rules: {} };\n',
    'securestore-audit.config.ts': esmMarker(markers, 'securestore-audit.config.ts') + 'export default { rules: {} };\n',
    'eslint.config.js': esmMarker(markers, 'eslint.config.js') + 'export default [];\n',
    'eslint.config.mjs': esmMarker(markers, 'eslint.config.mjs') + 'export default [];\n',
    '.eslintrc.js': cjsMarker(markers, '.eslintrc.js') + 'module.exports = {};\n',
    'babel.config.js': cjsMarker(markers, 'babel.config.js') + 'module.exports = {};\n',
    'metro.config.js': cjsMarker(markers, 'metro.config.js') + 'module.exports = {};\n',
    'app.config.js': cjsMarker(markers, 'app.config.js') + 'module.exports = {};\n',
    'app.config.ts': esmMarker(markers, 'app.config.ts') + 'export default {};\n',
    // TypeScript's project settings: a local base config, a paths alias and a language service plugin.
    'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { plugins: [{ name: 'evil-ts-plugin' }] } }),
    'tsconfig.base.json': JSON.stringify({
      $schema: 'https://json.schemastore.org/tsconfig',
      compilerOptions: { strict: true, baseUrl: '.', paths: { '@/*': ['./src/*'] } },
    }),
    // The app: top-level code in every flavour, importing each other, packages and an alias.
    'src/app.ts': `${NS}import { helper } from '@/helper';\nimport './util.js';\nimport './mod.mjs';\nimport './legacy.cjs';\nimport evil from 'evil-package';\n${cjsMarker(markers, 'src/app.ts')}export const save = (v: string) => SecureStore.setItemAsync('app.token', v);\nexport const clear = () => SecureStore.deleteItemAsync('app.token');\nexport const all = [helper, evil];\n`,
    'src/helper.ts': storage('helper', cjsMarker(markers, 'src/helper.ts')) + 'export const helper = 1;\n',
    'src/util.js': cjsStorage('util', cjsMarker(markers, 'src/util.js')),
    'src/mod.mjs': storage('mod', esmMarker(markers, 'src/mod.mjs')),
    'src/legacy.cjs': cjsStorage('legacy', cjsMarker(markers, 'src/legacy.cjs')),
    'src/screen.tsx': storage('screen', cjsMarker(markers, 'src/screen.tsx')) + 'export const Screen = () => <div />;\n',
    // Packages the app imports: resolved for their types, never loaded.
    'node_modules/expo-secure-store/package.json': JSON.stringify({
      name: 'expo-secure-store',
      main: 'index.js',
      types: 'index.d.ts',
      scripts: { postinstall: shellMarker(markers, 'dep-postinstall') },
    }),
    'node_modules/expo-secure-store/index.js': cjsMarker(markers, 'node_modules/expo-secure-store/index.js'),
    'node_modules/expo-secure-store/index.d.ts':
      'export declare function getItemAsync(key: string, options?: object): Promise<string | null>;\nexport declare const WHEN_UNLOCKED_THIS_DEVICE_ONLY: number;\n',
    'node_modules/evil-package/package.json': JSON.stringify({ name: 'evil-package', exports: { '.': { import: './index.mjs', require: './index.cjs' } } }),
    'node_modules/evil-package/index.mjs': esmMarker(markers, 'node_modules/evil-package/index.mjs') + 'export default 1;\n',
    'node_modules/evil-package/index.cjs': cjsMarker(markers, 'node_modules/evil-package/index.cjs') + 'module.exports = 1;\n',
    'node_modules/evil-ts-plugin/package.json': JSON.stringify({ name: 'evil-ts-plugin', main: 'index.js' }),
    'node_modules/evil-ts-plugin/index.js':
      cjsMarker(markers, 'node_modules/evil-ts-plugin/index.js') + 'module.exports = () => ({ create: (info) => info.languageService });\n',
  });
}

/** `paths` and the directories above them, inside the project (writing a file touches its directory). */
function withParents(paths: string[]): string[] {
  const out = new Set<string>();
  for (const path of paths) for (let p = path; p !== '.'; p = dirname(p)) out.add(p);
  return [...out].sort();
}

interface Sandbox {
  cwd: string;
  markers: string;
  networkLog: string;
}

function run(sandbox: Sandbox, args: string[]) {
  return runCliWith(args, { cwd: sandbox.cwd, nodeArgs: ['--require', PRELOAD], env: { SSA_NETWORK_LOG: sandbox.networkLog } });
}

describe('nothing executed, nothing fetched', () => {
  let sandbox: Sandbox;
  beforeEach(() => {
    const markers = mkdtempSync(join(tmpdir(), 'ssa-markers-'));
    sandbox = { cwd: fixture(markers), markers, networkLog: join(mkdtempSync(join(tmpdir(), 'ssa-network-')), 'network.log') };
  });

  const expectNothingRan = () => {
    expect(readdirSync(sandbox.markers)).toEqual([]);
    expect(existsSync(sandbox.networkLog) ? readFileSync(sandbox.networkLog, 'utf8') : '').toBe('');
  };

  it('the fixture would leave markers if its files were run, and the preload would record a request', () => {
    // Proof that the assertions below can fail: run some of the files and try the network under the preload.
    const files = [
      'index.js',
      'securestore-audit.config.mjs',
      'securestore-audit.config.cjs',
      'src/util.js',
      'src/legacy.cjs',
      'src/mod.mjs',
      'node_modules/evil-package/index.cjs',
    ];
    for (const file of files) execFileSync(process.execPath, [join(sandbox.cwd, file)], { cwd: sandbox.cwd, stdio: 'ignore' });
    execFileSync('npm', ['run', 'lint', '--silent'], { cwd: sandbox.cwd, stdio: 'ignore' });
    // The app files also load expo-secure-store's index.js, as the app would.
    const expected = [...files, 'node_modules/expo-secure-store/index.js', 'script-prelint', 'script-lint'].map((f) => f.replace(/\//g, '__'));
    expect(readdirSync(sandbox.markers).sort()).toEqual(expected.sort());
    const probe =
      "for (const f of [() => fetch('http://example.invalid'), () => require('dns').lookup('example.invalid', () => {}), () => require('net').connect(1, '127.0.0.1')]) try { f() } catch {}";
    try {
      execFileSync(process.execPath, ['--require', PRELOAD, '-e', probe], { env: { ...process.env, SSA_NETWORK_LOG: sandbox.networkLog }, stdio: 'ignore' });
    } catch {
      // the preload throws on purpose
    }
    expect(
      readFileSync(sandbox.networkLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[0]),
    ).toEqual(['fetch', 'dns.lookup', 'net.connect']);
  });

  it('an audit, the key registry and --output run nothing, fetch nothing and write only the report', async () => {
    const before = snapshotTree(sandbox.cwd);
    const audit = await run(sandbox, []);
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(1); // src/app.ts: a SecureStore write without options, in a file with no prefix header
    expect(audit.stdout).toContain('src/app.ts');
    const keys = await run(sandbox, ['keys', '--format', 'json']);
    expect(keys.code).toBe(0);
    expect(JSON.parse(keys.stdout).map((k: { key: string }) => k.key)).toEqual(
      expect.arrayContaining(['app.token', 'helper.token', 'util.token', 'mod.token', 'legacy.token', 'screen.token', 'index.token']),
    );
    expect(changedPaths(before, snapshotTree(sandbox.cwd))).toEqual([]);

    const reported = await run(sandbox, ['--format', 'sarif', '--output', 'reports/audit.sarif']);
    expect(reported.code).toBe(1);
    expect(changedPaths(before, snapshotTree(sandbox.cwd))).toEqual(['reports', 'reports/audit.sarif']);
    expectNothingRan();
  });

  it('a config named on the command line is read as JSON, never loaded as a module', async () => {
    const before = snapshotTree(sandbox.cwd);
    for (const config of ['securestore-audit.config.js', 'securestore-audit.config.mjs', 'securestore-audit.config.cjs', 'securestore-audit.config.ts']) {
      const result = await run(sandbox, ['--config', config]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^securestore-audit: .*${config.replace(/\./g, '\\.')}:\\d+:\\d+: invalid JSON`));
    }
    expect(changedPaths(before, snapshotTree(sandbox.cwd))).toEqual([]);
    expectNothingRan();
  });

  it('--fix writes only the files it fixes, and runs nothing either', async () => {
    const before = snapshotTree(sandbox.cwd);
    const original = readFileSync(join(sandbox.cwd, 'src/app.ts'), 'utf8');
    const fixed = await run(sandbox, ['--fix']);
    expect(fixed.stderr).toBe('');
    // The prefix header is the one autofix that applies here.
    expect(readFileSync(join(sandbox.cwd, 'src/app.ts'), 'utf8')).toBe(`// SecureStore prefix: app.*\n${original}`);
    expect(changedPaths(before, snapshotTree(sandbox.cwd))).toEqual(withParents(['src/app.ts']));
    expectNothingRan();
  });
});

// Static guard: the CLI has no way to load or run code it was not built with.
// Every module specifier in what ships is a string literal, and none of them
// names a module that runs processes, evaluates code or opens connections.
describe('the shipped code cannot load user code', () => {
  const FORBIDDEN_MODULES = /^(node:)?(child_process|cluster|worker_threads|vm|module|inspector|net|tls|http|https|http2|dgram|dns)(\/.*)?$/;
  const FORBIDDEN_CALLS = new Set(['eval', 'Function', 'createRequire']);

  function jsFiles(dir: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(c|m)?js$/.test(e.name))
      .map((e) => join(e.parentPath, e.name));
  }

  function problemsIn(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const problems: string[] = [];
    const where = (node: ts.Node) => `${relative(repoRoot, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const checkSpecifier = (node: ts.Node, spec: ts.Expression | undefined) => {
      if (!spec || !ts.isStringLiteralLike(spec)) problems.push(`${where(node)}: module specifier that is not a string literal`);
      else if (FORBIDDEN_MODULES.test(spec.text)) problems.push(`${where(node)}: imports ${spec.text}`);
    };
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) checkSpecifier(node, node.moduleSpecifier);
      if (ts.isCallExpression(node)) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) checkSpecifier(node, node.arguments[0]);
        if (ts.isIdentifier(node.expression) && node.expression.text === 'require') checkSpecifier(node, node.arguments[0]);
        if (ts.isIdentifier(node.expression) && FORBIDDEN_CALLS.has(node.expression.text)) problems.push(`${where(node)}: calls ${node.expression.text}()`);
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') problems.push(`${where(node)}: new Function()`);
      if (
        ts.isPropertyAccessExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'process' &&
        ['binding', 'dlopen', '_linkedBinding'].includes(node.name.text)
      ) {
        problems.push(`${where(node)}: process.${node.name.text}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return problems;
  }

  /**
   * The one exception: the CLI's loader of the TypeScript compiler, which
   * compiles that one file of our own dependency with V8's code cache
   * (node:vm, node:module) instead of letting require do it. It is held to
   * exactly that below.
   */
  const COMPILER_LOADER = 'dist/src/cli/compile-cache.cjs';
  /**
   * And the runner of `git` for --changed-since, the one process the CLI can
   * start: it imports node:child_process and is held below to one call,
   * whose program is the literal 'git' and which uses no shell.
   */
  const GIT_RUNNER = 'dist/src/audit/git.cjs';

  it('every import in dist/ and bin/ is a literal of an allowed module', () => {
    const files = [...jsFiles(join(repoRoot, 'dist/src')), ...jsFiles(join(repoRoot, 'dist/rules')), join(repoRoot, 'bin/securestore-audit.js')];
    // The build must have run (npm test builds first): an empty list would pass vacuously.
    expect(files.length).toBeGreaterThan(20);
    // The CLI runs from the bundle: the scan must cover it.
    expect(files.some((file) => relative(repoRoot, file).startsWith('dist/src/bundle/'))).toBe(true);
    const loader = join(repoRoot, COMPILER_LOADER);
    const git = join(repoRoot, GIT_RUNNER);
    expect(files).toContain(loader);
    expect(files).toContain(git);
    expect(files.filter((file) => file !== loader && file !== git).flatMap(problemsIn)).toEqual([]);
    expect(problemsIn(loader).map((p) => p.replace(/^[^:]*:\d+: /, ''))).toEqual(['imports node:module', 'imports node:vm']);
    expect(problemsIn(git).map((p) => p.replace(/^[^:]*:\d+: /, ''))).toEqual(['imports node:child_process']);
  });

  it('the git runner starts only `git`, once, without a shell', () => {
    const text = readFileSync(join(repoRoot, GIT_RUNNER), 'utf8');
    const code = text.replace(/^\s*\/\/.*$/gm, '');
    expect(code.match(/\b(spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)\(/g)).toEqual(['spawnSync(']);
    expect(code).toContain("spawnSync('git', args, {");
    expect(code).toContain('shell: false');
  });

  it('the compiler loader compiles only the resolved `typescript` package, from its own dependency', () => {
    const text = readFileSync(join(repoRoot, COMPILER_LOADER), 'utf8');
    const sf = ts.createSourceFile(COMPILER_LOADER, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const resolved: string[] = [];
    const scripts: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.getText(sf) === 'require.resolve') resolved.push(node.arguments.map((a) => a.getText(sf)).join(', '));
      if (ts.isNewExpression(node) && node.expression.getText(sf) === 'vm.Script') scripts.push(node.arguments?.[0]?.getText(sf) ?? '');
      ts.forEachChild(node, visit);
    };
    visit(sf);
    expect(resolved).toEqual(["'typescript'"]);
    // The code compiled is that file's own bytes, read from the path require.resolve gave.
    expect(scripts).toEqual(["Module.wrap(bytes.toString('utf8'))"]);
    expect(text).toContain('    bytes = readFileSync(filename);');
    expect(text).toContain("filename = require.resolve('typescript');");
  });

  it('the check itself catches what it is for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssa-scan-'));
    const sample = join(dir, 'sample.js');
    const body = [
      "import { readFileSync } from 'node:fs';",
      "import { spawn } from 'node:child_process';",
      'const name = process.argv[2];',
      'await import(name);',
      "await import('./local.js');",
      'require(name);',
      "new Function('return 1');",
      "eval('1');",
      "export * from 'node:vm';",
      '',
    ].join('\n');
    writeFileSync(sample, body);
    try {
      expect(problemsIn(sample).map((p) => p.replace(/^.*sample\.js:/, ''))).toEqual([
        '2: imports node:child_process',
        '4: module specifier that is not a string literal',
        '6: module specifier that is not a string literal',
        '7: new Function()',
        '8: calls eval()',
        '9: imports node:vm',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
