import { allRules } from '../../rules/index.js';

/**
 * Rules about a whole project's keys (never written, never read, never
 * deleted): they compare files with each other in `checkProject`, and their
 * per-file check takes no context, so it cannot report. The ESLint plugin,
 * which sees one file at a time, reports nothing for them, and a rule fixture
 * is a snippet, not an app: the tests run them on whole apps only. Rules that
 * have a project check beside a real per-file one (the same findings, or more,
 * across files) are snippet rules.
 */
export const projectOnlyRules = allRules.filter((rule) => rule.checkProject !== undefined && rule.check.length === 0);

/** Every other rule: what a snippet can be checked against, in both front-ends. */
export const snippetRules = allRules.filter((rule) => !projectOnlyRules.includes(rule));

/** `--rule <id>` for each snippet rule, for a CLI run. */
export const snippetRuleArgs = snippetRules.flatMap((rule) => ['--rule', rule.id]);
