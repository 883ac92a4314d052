import { RuleTester } from '@typescript-eslint/rule-tester';
import * as vitest from 'vitest';
import type { AnyRule } from '../src/core/rule.js';
import { toEslintRule } from '../src/eslint/adapter.js';

// typescript-eslint's RuleTester runs under vitest once told vitest's hooks.
RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;

/** A RuleTester on the real @typescript-eslint/parser, JSX on, files named .tsx. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  });
}

/** Runs a core rule through the ESLint adapter, as users get it. */
export function eslintRule(rule: AnyRule) {
  return toEslintRule(rule);
}
