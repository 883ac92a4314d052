import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { allRules } from '../../rules/index.js';
import { packageName, packageVersion } from '../core/package-info.js';
import { toEslintRule } from './adapter.js';
import { SOURCE_EXTENSIONS } from '../core/extensions.js';
import { TEST_FILE_GLOBS } from '../core/test-files.js';

type Rules = Record<string, ReturnType<typeof toEslintRule>>;
type RuleLevels = Record<string, TSESLint.SharedConfig.RuleEntry>;

const rules: Rules = Object.fromEntries(allRules.map((rule) => [rule.id, toEslintRule(rule)]));

const FILES = [`**/*.{${SOURCE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`];

function levels(preset: 'recommended' | 'strict'): RuleLevels {
  return Object.fromEntries(
    allRules.map((rule): [string, TSESLint.SharedConfig.RuleEntry] => {
      const id = `securestore/${rule.id}`;
      if (preset === 'recommended') return [id, rule.meta.recommended];
      return [id, rule.meta.strictOptions ? ['error', { ...(rule.meta.defaultOptions as object), ...rule.meta.strictOptions }] : 'error'];
    }),
  );
}

const plugin = {
  meta: { name: packageName, version: packageVersion, namespace: 'securestore' },
  rules,
  configs: {} as Record<'recommended' | 'strict', TSESLint.FlatConfig.Config>,
};

// Each config lints every JS/TS flavour an Expo app has and parses it with
// @typescript-eslint/parser, so `export default [securestore.configs.recommended]`
// works on its own in a fresh project. Like the CLI, they leave test files,
// mocks and e2e tests out: `ignores` beside `files` only keeps this config
// from them, so the project's other configs still lint them.
for (const preset of ['recommended', 'strict'] as const) {
  plugin.configs[preset] = {
    name: `securestore/${preset}`,
    files: FILES,
    ignores: [...TEST_FILE_GLOBS],
    languageOptions: {
      parser: tsParser as TSESLint.FlatConfig.Parser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    plugins: { securestore: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: levels(preset),
  };
}

export default plugin;
