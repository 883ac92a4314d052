import { ts } from './ts.js';
import { lineAndCharacter } from './lines.js';
import type { AnyRule } from './rule.js';
import { formatMessage, type Finding, type ReportDescriptor, type SourceText } from './types.js';
import { messageData } from './message-data.js';

/** Offsets of a report: the node's own text, or the explicit range. */
export function rangeOf(descriptor: ReportDescriptor, sf: ts.SourceFile | undefined): [number, number] {
  if (descriptor.node) {
    // Reports on files without their tree (project-wide rules) give offsets.
    if (!sf) throw new Error('a report by node needs the syntax tree of its file');
    return [descriptor.node.getStart(sf), descriptor.node.getEnd()];
  }
  const start = descriptor.start ?? 0;
  return [start, descriptor.end ?? start];
}

/**
 * The text of a message id. Ids are typed per rule, so an unknown one gets
 * here only through a cast or plain JavaScript. A development build then
 * throws, as ESLint does for the plugin, so the mistake cannot pass as a
 * finding whose message is a bare id. "Development" is every run except
 * NODE_ENV=production, and except the published CLI: rolldown.config.mjs
 * defines NODE_ENV as production in the bundle that bin/ runs, so a user's
 * audit is never stopped by it and prints the id as before.
 */
function messageText(rule: AnyRule, messageId: string): string {
  const text = rule.meta.messages[messageId];
  if (text !== undefined) return text;
  if (process.env.NODE_ENV !== 'production') {
    throw new Error(`rule ${rule.id} reported the message id "${messageId}", which is not in its meta.messages`);
  }
  return messageId;
}

/**
 * Turns a rule's report into plain data with 1-based lines and columns, as
 * ESLint prints them. `file` is a parsed file (a FileModel) or, for the
 * project-wide rules, its name and text.
 */
export function toFinding(rule: AnyRule, file: SourceText & { readonly sf?: ts.SourceFile }, descriptor: ReportDescriptor): Finding {
  const [start, end] = rangeOf(descriptor, file.sf);
  const from = lineAndCharacter(file.sf ?? file, start);
  const to = lineAndCharacter(file.sf ?? file, end);
  const data = messageData(descriptor.data);
  return {
    ruleId: `securestore/${rule.id}`,
    file: file.fileName,
    messageId: descriptor.messageId,
    message: formatMessage(messageText(rule, descriptor.messageId), data),
    data,
    start,
    end,
    line: from.line + 1,
    column: from.character + 1,
    endLine: to.line + 1,
    endColumn: to.character + 1,
    fix: descriptor.fix,
    suggestions: descriptor.suggestions?.map((s) => ({
      messageId: s.messageId,
      desc: formatMessage(messageText(rule, s.messageId), messageData(s.data)),
      edits: s.edits,
    })),
    ...(descriptor.related ? { related: descriptor.related } : {}),
  };
}
