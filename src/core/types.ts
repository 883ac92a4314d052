import type { ts } from './ts.js';

export type Severity = 'off' | 'warn' | 'error';

/**
 * A file as its name and text: all that positions and findings need of it.
 * The project-wide rules get files in this form, so that a file's syntax
 * tree can be let go once its own rules have run.
 */
export interface SourceText {
  readonly fileName: string;
  readonly text: string;
}

/** A replacement of the text between two offsets of the file. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface SuggestionData<MessageId extends string = string> {
  messageId: MessageId;
  data?: Record<string, string>;
  edits: TextEdit[];
}

/**
 * What a rule hands to `report`: a node or an offset range, and the message.
 * `MessageId` is the union of the rule's message ids, so a misspelt one does not compile.
 */
export interface ReportDescriptor<MessageId extends string = string> {
  node?: ts.Node;
  start?: number;
  end?: number;
  messageId: MessageId;
  data?: Record<string, string>;
  fix?: TextEdit[];
  suggestions?: SuggestionData<MessageId>[];
  /** The other places the message names, by full path: the message names a file as short as it can. */
  related?: RelatedLocation[];
}

/** A place a finding's message points to besides its own: the file (its full name) and the 1-based line. */
export interface RelatedLocation {
  file: string;
  line: number;
}

/** A finding as plain data, independent of the front-end that produced it. */
export interface Finding {
  ruleId: string;
  file: string;
  messageId: string;
  message: string;
  data: Record<string, string>;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: TextEdit[];
  suggestions?: { messageId: string; desc: string; edits: TextEdit[] }[];
  related?: RelatedLocation[];
}

/** Replaces `{{name}}` placeholders the way ESLint does. */
export function formatMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
