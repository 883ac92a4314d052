import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { FileFacts } from './facts.js';
import type { FileModel } from './model.js';
import type { ProjectFile } from './project-file.js';
import type { ReportDescriptor, SourceText } from './types.js';

export interface RuleMeta<Options, MessageId extends string = string> {
  type: 'problem' | 'suggestion';
  description: string;
  /** Severity in the `recommended` config (`off`: only in `strict`); `strict` makes every rule an error. */
  recommended: 'error' | 'warn' | 'off';
  /** Message texts by id; `{{name}}` placeholders are filled from a report's data. */
  messages: Record<MessageId, string>;
  /** JSON schema of the single options object. */
  schema: JSONSchema4;
  defaultOptions: Options;
  /** Options the `strict` config adds on top of the defaults. */
  strictOptions?: Partial<Options>;
  fixable?: 'code';
  hasSuggestions?: boolean;
  /**
   * True when the rule's findings in a file can depend on other files (it
   * follows imports): on a file taken alone, it may report what it would not
   * in its app, and the reverse.
   */
  followsImports?: boolean;
}

// `report` is a property, not a method: TypeScript then checks its parameter
// strictly, so a context whose ids are known cannot be handed to a helper that
// would accept any string as an id.

export interface RuleContext<Options, MessageId extends string = string> {
  file: FileModel;
  options: Options;
  report: (descriptor: ReportDescriptor<MessageId>) => void;
  /**
   * True when the front-end will also call the rule's `checkProject` (the CLI):
   * a rule whose project check covers what `check` would see skips it then.
   */
  projectPass?: boolean;
}

/**
 * Checks that need every file of the audit at once; the CLI alone runs them.
 * They see each file as plain data (no syntax tree), and report by offsets.
 */
export interface ProjectContext<Options, MessageId extends string = string> {
  files: ProjectFile[];
  options: Options;
  report: (file: SourceText, descriptor: Omit<ReportDescriptor<MessageId>, 'node'>) => void;
}

/**
 * A file of another language (Dart), seen as language-neutral facts: the rule
 * judges the facts and reports by offsets. The project-wide check sees these
 * files too, through their `ProjectFile` records.
 */
export interface FactsContext<Options, MessageId extends string = string> {
  facts: FileFacts;
  options: Options;
  report: (descriptor: Omit<ReportDescriptor<MessageId>, 'node'> & { start: number; end: number }) => void;
}

export interface RuleDefinition<Options extends object = object, MessageId extends string = string> {
  id: string;
  meta: RuleMeta<Options, MessageId>;
  check(context: RuleContext<Options, MessageId>): void;
  /** Absent when the rule has no meaning outside TypeScript (say so in its doc). */
  checkFacts?(context: FactsContext<Options, MessageId>): void;
  checkProject?(context: ProjectContext<Options, MessageId>): void;
}

/**
 * Identity helper that keeps a rule's option type and message ids attached to
 * its definition: `defineRule<Options, keyof typeof messages>({ … })`. Both
 * are required, so that a rule cannot fall back to ids of any spelling.
 */
export function defineRule<Options extends object, MessageId extends string>(rule: RuleDefinition<Options, MessageId>): RuleDefinition<Options, MessageId> {
  return rule;
}

/**
 * A rule whatever its options and message ids, as a list of rules holds it.
 * Each rule's `check` takes its own options type, which no common type
 * satisfies: a list can only forget it, and `any` is how TypeScript says so.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one place a rule's options type is erased (see above)
export type AnyRule = RuleDefinition<any>;

/** A rule's default options under the user's (shallowly, as ESLint merges them). */
export function mergeOptions(rule: AnyRule, user: object | undefined): object {
  return { ...(rule.meta.defaultOptions as object), ...(user ?? {}) };
}

export const DOCS_BASE_URL = 'https://github.com/securestore-audit/securestore-audit/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
