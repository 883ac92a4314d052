import type { TSESLint } from '@typescript-eslint/utils';
import { lineAndCharacter } from '../core/lines.js';
import { mergeOptions, type AnyRule } from '../core/rule.js';
import { docsUrl } from '../core/rule.js';
import { rangeOf } from '../core/findings.js';
import { containsSecret } from '../core/redact.js';
import { messageData } from '../core/message-data.js';
import { mergeEdits } from '../core/text-edits.js';
import type { TextEdit } from '../core/types.js';
import { fileModelFor } from './file-model.js';
import { mayMatter } from './relevance.js';
import { findSuppression, parseDirectives, type Directive } from '../core/suppressions.js';
import type { FileModel } from '../core/model.js';
import { memoSlot } from '../core/memo-slot.js';

const OWN_DIRECTIVES = memoSlot<Directive[]>('ownDirectives');

/** Our own `securestore-audit-disable…` comments; ESLint handles its `eslint-disable…` comments itself. */
function ownDirectives(file: FileModel): Directive[] {
  return file.cached(OWN_DIRECTIVES, () =>
    /securestore-audit-(disable|enable)/.test(file.text) ? parseDirectives(file.sf).filter((d) => d.origin === 'securestore-audit') : [],
  );
}

function toFixes(fixer: TSESLint.RuleFixer, edits: TextEdit[]): TSESLint.RuleFix[] {
  return edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text));
}

function hasOptions(rule: AnyRule): boolean {
  const properties = (rule.meta.schema as { properties?: object }).properties;
  return properties !== undefined && Object.keys(properties).length > 0;
}

/**
 * Wraps one core rule as an ESLint rule; the rule's logic runs unchanged.
 *
 * Built as a plain rule object, the shape typescript-eslint's RuleCreator
 * gives (`meta` with the docs URL, `defaultOptions`, `create`), but without
 * its `create` wrapper: that one deep-copies the default options through JSON
 * on every file, for every rule, before the rule can say the file does not
 * matter (a visible share of a large lint). ESLint
 * applies `meta.defaultOptions` itself; the options are merged here too
 * (shallowly, as the CLI does) for an ESLint that does not, and only for a
 * file that matters.
 */
export function toEslintRule(rule: AnyRule): TSESLint.RuleModule<string, [Record<string, unknown>]> & { defaultOptions: [Record<string, unknown>] } {
  return {
    meta: {
      type: rule.meta.type,
      docs: { description: rule.meta.description, url: docsUrl(rule.id) },
      messages: rule.meta.messages,
      // A rule without options declares none, so ESLint rejects stray ones and docs say "no options".
      schema: hasOptions(rule) ? [rule.meta.schema] : [],
      ...(rule.meta.fixable ? { fixable: rule.meta.fixable } : {}),
      ...(rule.meta.hasSuggestions ? { hasSuggestions: true } : {}),
      // ESLint validates default options against the schema: none for a rule without options.
      defaultOptions: (hasOptions(rule) ? [rule.meta.defaultOptions as Record<string, unknown>] : []) as [Record<string, unknown>],
    },
    defaultOptions: [rule.meta.defaultOptions as Record<string, unknown>],
    create(context) {
      // No visitor at all for a file that touches no storage: most files of an app.
      if (!mayMatter(context)) return {};
      const options = mergeOptions(rule, context.options[0]);
      return {
        'Program:exit'() {
          const file = fileModelFor(context);
          const sourceCode = context.sourceCode;
          rule.check({
            file,
            options,
            report(descriptor) {
              const [start, end] = rangeOf(descriptor, file.sf);
              const directives = ownDirectives(file);
              if (directives.length > 0) {
                const line = lineAndCharacter(file.sf, start).line + 1;
                if (findSuppression({ ruleId: `securestore/${rule.id}`, line, start }, directives, new Map())) return;
              }
              // ESLint prints a fix as one text from its first edit to its last; one that would carry a
              // secret from the file into a report (a CI log) is left out, as the CLI's JSON does.
              const safe = (edits: TextEdit[] | undefined) => edits !== undefined && !containsSecret(mergeEdits(sourceCode.text, edits).text);
              const edits = safe(descriptor.fix) ? descriptor.fix : undefined;
              context.report({
                loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
                messageId: descriptor.messageId,
                data: messageData(descriptor.data),
                fix: edits ? (fixer) => toFixes(fixer, edits) : null,
                suggest: descriptor.suggestions
                  ?.filter((s) => safe(s.edits))
                  .map((s) => ({
                    messageId: s.messageId,
                    data: messageData(s.data),
                    fix: (fixer: TSESLint.RuleFixer) => toFixes(fixer, s.edits),
                  })),
              });
            },
          });
        },
      };
    },
  };
}
