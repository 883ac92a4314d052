import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmInstall, npx, npm, packTarball, run, withoutNpmNoise, type Run } from './helpers/installed-package.js';
import { fixturesDir, repoRoot, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// Installing the package the way an Expo app does: `npm install -D` of the
// packed tarball next to the TypeScript and ESLint the app already has.
// Slow: real npm installs (run with the slow tests).

const LIFECYCLE_ON_INSTALL = ['preinstall', 'install', 'postinstall', 'prepare'];

interface Manifest {
  scripts?: Record<string, string>;
  repository?: { url: string };
  homepage?: string;
  bugs?: { url: string };
  license?: string;
}

/** Every typescript version `npm ls` finds anywhere in the project's tree. */
async function typescriptVersions(app: string): Promise<string[]> {
  const listed = await run(npm, ['ls', 'typescript', '--all', '--json'], app);
  const versions = new Set<string>();
  const walk = (deps: Record<string, { version?: string; dependencies?: object }> | undefined) => {
    for (const [name, dep] of Object.entries(deps ?? {})) {
      if (name === 'typescript' && dep.version) versions.add(dep.version);
      walk(dep.dependencies as Record<string, { version?: string }> | undefined);
    }
  };
  walk(JSON.parse(listed.stdout).dependencies);
  return [...versions].sort();
}

/** The demo app audited by the installed package and by this checkout (built with the TypeScript we develop on): same JSON. */
async function auditBothWays(app: string): Promise<{ installed: Run; checkout: Run }> {
  const installed = await run(npx, ['--no-install', 'securestore-audit', '--format', 'json', 'demo-app'], app);
  const checkout = await runCli(['--format', 'json', 'demo-app'], { cwd: app });
  return { installed, checkout };
}

describe('installed from the tarball into an app on TypeScript 5.9 and ESLint 10', () => {
  let app: string;
  let packDir: string;
  let install: Run;

  beforeAll(async () => {
    const tarball = await packTarball();
    packDir = dirname(tarball);
    app = tempProject({
      'package.json': JSON.stringify({ name: 'ts59-app', version: '1.0.0', private: true }),
      // Expo's template writes its ESLint config as CommonJS.
      'eslint.config.cjs': "const securestore = require('securestore-audit/eslint-plugin');\n\nmodule.exports = [securestore.configs.recommended];\n",
      'probe.cjs':
        "const plugin = require('securestore-audit/eslint-plugin');\nimport('securestore-audit/eslint-plugin').then((m) => {\n  console.log(JSON.stringify({ same: m.default === plugin, configs: Object.keys(plugin.configs), rules: Object.keys(plugin.rules).length, urls: Object.fromEntries(Object.entries(plugin.rules).map(([id, r]) => [id, r.meta.docs.url])) }));\n});\n",
    });
    cpSync(join(fixturesDir, 'demo-app'), join(app, 'demo-app'), { recursive: true });
    install = await npmInstall(app, ['typescript@~5.9.2', 'eslint@^10', tarball]);
  }, 300_000);

  // Each install is a few hundred MB.
  afterAll(() => {
    for (const dir of [app, packDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs no install script: none in the packed package.json, none reported by npm', async () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/securestore-audit/package.json'), 'utf8')) as Manifest;
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => LIFECYCLE_ON_INSTALL.includes(s))).toEqual([]);
    // npm 11 ends an install with the packages whose install scripts it skipped.
    expect((install.stdout + install.stderr).split('\n').filter((l) => l.includes('securestore-audit'))).toEqual([]);
    const review = await run(npm, ['install-scripts', 'ls'], app);
    expect(review.stdout + review.stderr).not.toContain('securestore-audit');
  });

  it("uses the app's TypeScript 5.9: one compiler in the tree", async () => {
    const versions = await typescriptVersions(app);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatch(/^5\.9\./);
    expect(existsSync(join(app, 'node_modules/securestore-audit/node_modules/typescript'))).toBe(false);
  });

  it('npx securestore-audit on TypeScript 5.9 finds what it finds on the TypeScript we develop on', async () => {
    const { installed, checkout } = await auditBothWays(app);
    expect(withoutNpmNoise(installed.stderr)).toBe('');
    expect(installed.code).toBe(1);
    const ruleIds = JSON.parse(installed.stdout).flatMap((f: { messages: { ruleId: string }[] }) => f.messages.map((m) => m.ruleId));
    expect(ruleIds.length).toBeGreaterThan(5);
    expect(ruleIds).toContain('securestore/no-read-before-biometric-gate');
    expect(installed.stdout).toBe(checkout.stdout);
  });

  it('require() of the ESLint plugin gives the plugin itself, the same object import() gives', async () => {
    const probe = await run(process.execPath, ['probe.cjs'], app);
    expect(probe.stderr).toBe('');
    const seen = JSON.parse(probe.stdout);
    expect(seen.same).toBe(true);
    expect(seen.configs).toEqual(['recommended', 'strict']);
    expect(seen.rules).toBeGreaterThan(5);
  });

  it('a CommonJS eslint.config.cjs runs the plugin under ESLint 10', async () => {
    const result = await run(npx, ['--no-install', 'eslint', '--format', 'json', 'demo-app'], app);
    expect(withoutNpmNoise(result.stderr)).toBe('');
    const messages = JSON.parse(result.stdout).flatMap((r: { messages: { ruleId: string | null }[] }) => r.messages);
    expect(messages.map((m: { ruleId: string | null }) => m.ruleId)).toContain('securestore/require-keychain-accessible');
    expect(messages.every((m: { ruleId: string | null }) => m.ruleId?.startsWith('securestore/'))).toBe(true);
  });

  it("one docs URL: the rules' meta.docs.url, the SARIF helpUri and the README links agree, on the repository package.json names", async () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/securestore-audit/package.json'), 'utf8')) as Manifest;
    const repository = 'https://github.com/securestore-audit/securestore-audit';
    expect(manifest.repository?.url).toBe(`git+${repository}.git`);
    expect(manifest.homepage).toBe(`${repository}#readme`);
    expect(manifest.bugs?.url).toBe(`${repository}/issues`);
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(app, 'node_modules/securestore-audit/LICENSE'), 'utf8')).toMatch(
      /^MIT License\n\nCopyright \(c\) \d{4} securestore-audit contributors\n/,
    );

    const docsBase = `${repository}/blob/main/`;
    const eslintUrls: Record<string, string> = JSON.parse((await run(process.execPath, ['probe.cjs'], app)).stdout).urls;
    // --strict: the SARIF log describes the rules that ran, and only --strict runs them all.
    const sarif = await run(npx, ['--no-install', 'securestore-audit', '--strict', '--format', 'sarif', 'demo-app'], app);
    const driver = JSON.parse(sarif.stdout).runs[0].tool.driver;
    expect(driver.informationUri).toBe(repository);
    const sarifUrls = Object.fromEntries(
      (driver.rules as { id: string; helpUri: string }[])
        .filter((r) => r.id.startsWith('securestore/'))
        .map((r) => [r.id.slice('securestore/'.length), r.helpUri]),
    );
    // The README (shipped in the package, shown on GitHub and npm) links each rule's doc relative to the repository root.
    const readme = readFileSync(join(app, 'node_modules/securestore-audit/README.md'), 'utf8');
    const readmeUrls = Object.fromEntries([...readme.matchAll(/\]\((docs\/rules\/([a-z-]+)\.md)\)/g)].map((m) => [m[2], new URL(m[1]!, docsBase).href]));

    const ids = Object.keys(eslintUrls).sort();
    expect(ids.length).toBeGreaterThan(5);
    expect(Object.keys(sarifUrls).sort()).toEqual(ids);
    expect(Object.keys(readmeUrls).sort()).toEqual(ids);
    for (const id of ids) {
      expect(eslintUrls[id]).toBe(`${docsBase}docs/rules/${id}.md`);
      expect(sarifUrls[id]).toBe(eslintUrls[id]);
      expect(readmeUrls[id]).toBe(eslintUrls[id]);
      expect(existsSync(join(app, 'node_modules/securestore-audit/docs/rules', `${id}.md`))).toBe(true);
    }
  });
});

describe('installed from the tarball into an app on TypeScript 5.3, the oldest the range admits', () => {
  let app: string;
  let packDir: string;

  beforeAll(async () => {
    const tarball = await packTarball();
    packDir = dirname(tarball);
    app = tempProject({ 'package.json': JSON.stringify({ name: 'ts53-app', version: '1.0.0', private: true }) });
    cpSync(join(fixturesDir, 'demo-app'), join(app, 'demo-app'), { recursive: true });
    await npmInstall(app, ['typescript@~5.3.3', tarball]);
  }, 300_000);

  // Each install is a few hundred MB.
  afterAll(() => {
    for (const dir of [app, packDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('dedupes to the app compiler and finds what it finds on the TypeScript we develop on', async () => {
    const versions = await typescriptVersions(app);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatch(/^5\.3\./);
    const { installed, checkout } = await auditBothWays(app);
    expect(withoutNpmNoise(installed.stderr)).toBe('');
    expect(installed.code).toBe(1);
    expect(installed.stdout).toBe(checkout.stdout);
  });
});

// The range in package.json is what the two describes above hold the package to.
it('the typescript range is the one tested above, capped where @typescript-eslint/parser caps it', () => {
  const own = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).dependencies.typescript as string;
  const parser = JSON.parse(readFileSync(join(repoRoot, 'node_modules/@typescript-eslint/parser/package.json'), 'utf8')).peerDependencies.typescript as string;
  expect(own).toBe('>=5.3.0 <6.1.0');
  expect(own.split(' ')[1]).toBe(parser.split(' ')[1]);
});
