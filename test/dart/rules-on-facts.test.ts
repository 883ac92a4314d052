import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import type { ProjectFile } from '../../src/core/project-file.js';
import { mergeOptions, type AnyRule } from '../../src/core/rule.js';
import type { AppRoot } from '../../src/audit/app-roots.js';
import { AppLibraries } from '../../src/audit/dart-pass.js';
import { analyseDartFile, type DartFileAnalysis } from '../../src/dart/file-facts.js';
import type { DartParser } from '../../src/dart/parser.js';
import { loadDartParser } from '../../src/audit/dart-loader.js';
import { expectedFindings, fixturesDir, repoRoot, type Located } from '../helpers/run.js';
import { projectOnlyRules } from '../helpers/rules.js';

// The rules on Dart, before the CLI runs them: every `.dart` fixture is
// analysed by the Dart front-end, each rule's `checkFacts` judges its facts
// (with the rule's default options, as the fixture test runs the TypeScript
// fixtures), and the findings must be the `// expect:` marks, line by line.
// Project-wide rules run over their fixture folder (one app each), and over
// the Flutter demo app as one app.

function dartFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return dartFilesUnder(full);
    return entry.name.endsWith('.dart') ? [relative(repoRoot, full)] : [];
  });
}

const ruleFixtures = dartFilesUnder(join(fixturesDir, 'rules'));
const demoFiles = dartFilesUnder(join(fixturesDir, 'flutter-demo-app'));
const factsRules = allRules.filter((rule) => rule.checkFacts !== undefined);
/** The app a fixture belongs to, as the CLI finds it: the nearest folder above with a pubspec.yaml, up to the fixtures folder. */
function appRootOf(file: string): AppRoot {
  for (let dir = dirname(join(repoRoot, file)); dir.startsWith(fixturesDir); dir = dirname(dir)) {
    const pubspec = join(dir, 'pubspec.yaml');
    if (existsSync(pubspec)) return { dir, markers: [pubspec], dartPackage: /^name:\s*(\S+)/m.exec(readFileSync(pubspec, 'utf8'))?.[1] };
  }
  return { dir: '', markers: [] };
}

let parser: DartParser;
let libraries: AppLibraries;
beforeAll(async () => {
  parser = await loadDartParser();
  // The constants a fixture imports from another file of its app resolve as they do in the CLI.
  libraries = new AppLibraries(new Map([...ruleFixtures, ...demoFiles].map((f) => [join(repoRoot, f), readFileSync(join(repoRoot, f), 'utf8')])));
});

function analyse(file: string): DartFileAnalysis {
  const fileName = join(repoRoot, file);
  return analyseDartFile(parser, { fileName, text: readFileSync(fileName, 'utf8') }, libraries.analysisOptions(fileName, appRootOf(file)));
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Each facts rule's per-file findings on the analysed files. */
function fileFindings(analyses: Map<string, DartFileAnalysis>, rules: AnyRule[] = factsRules): Located[] {
  const found: Located[] = [];
  for (const [file, { facts }] of analyses) {
    for (const rule of rules) {
      rule.checkFacts!({
        facts,
        options: mergeOptions(rule, undefined),
        report: ({ start }) => found.push({ file, line: lineAt(facts.source.text, start), rule: `securestore/${rule.id}` }),
      });
    }
  }
  return found;
}

/** The project-wide rules over the analysed files as one app. */
function projectFindings(analyses: Map<string, DartFileAnalysis>, rules: AnyRule[]): Located[] {
  const found: Located[] = [];
  const files: ProjectFile[] = [...analyses.values()].map((a) => a.projectFile);
  for (const rule of rules) {
    rule.checkProject?.({
      files,
      options: mergeOptions(rule, undefined),
      report: (source, { start = 0 }) =>
        found.push({ file: relative(repoRoot, source.fileName), line: lineAt(source.text, start), rule: `securestore/${rule.id}` }),
    });
  }
  return found;
}

const sorted = (list: Located[]) => list.map((f) => `${f.file}:${f.line} ${f.rule}`).sort();

/** A project-only rule's fixtures are small apps, one folder each, as for the TypeScript fixtures. */
const projectRuleOf = (file: string) => projectOnlyRules.find((rule) => file.startsWith(`fixtures/rules/${rule.id}/`));

describe('the rules on the Dart rule fixtures', () => {
  const singleFiles = ruleFixtures.filter((f) => !projectRuleOf(f));
  it('has fixtures, each with a header line a reader can check', () => {
    expect(singleFiles.length).toBeGreaterThan(10);
  });
  for (const file of singleFiles) {
    it(file, () => {
      const analyses = new Map([[file, analyse(file)]]);
      expect(sorted(fileFindings(analyses))).toEqual(sorted(expectedFindings([file], 'cli')));
    });
  }

  const appDirs = [...new Set(ruleFixtures.filter((f) => projectRuleOf(f)).map((f) => dirname(f)))];
  for (const dir of appDirs) {
    it(`${dir}/ (one app)`, () => {
      const files = ruleFixtures.filter((f) => dirname(f) === dir);
      const analyses = new Map(files.map((f) => [f, analyse(f)]));
      // As the CLI runs such a folder: the project rule, and the project checks of the per-file rules.
      const found = [
        ...fileFindings(analyses),
        ...projectFindings(analyses, [projectRuleOf(files[0]!)!, ...factsRules.filter((r) => r.checkProject !== undefined)]),
      ];
      expect(sorted(found)).toEqual(sorted(expectedFindings(files, 'cli')));
    });
  }
});

describe('the Flutter demo app', () => {
  it('every mark holds, and nothing else is reported, with every rule', () => {
    const analyses = new Map(demoFiles.map((f) => [f, analyse(f)]));
    const found = [...fileFindings(analyses), ...projectFindings(analyses, allRules)];
    expect(sorted(found)).toEqual(sorted(expectedFindings(demoFiles, 'cli')));
  });
});
