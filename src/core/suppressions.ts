import { ts } from './ts.js';
import { lineAndCharacter, type HasText } from './lines.js';

// In-source suppressions. Our own comments, and ESLint's for our rules, so a
// single comment silences a finding in both front-ends:
//   // securestore-audit-disable-next-line no-oversized-value -- reason
//   // securestore-audit-disable-line require-keychain-accessible
//   /* securestore-audit-disable require-prefix-header */ … /* securestore-audit-enable */
//   // eslint-disable-next-line securestore/no-oversized-value
//   // eslint-disable-line securestore/…   /* eslint-disable securestore/… */ … /* eslint-enable */

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  origin: 'securestore-audit' | 'eslint';
  /** Rule ids with the `securestore/` prefix, or 'all' when the comment lists none. */
  rules: string[] | 'all';
  justification: string;
  start: number;
  end: number;
  /** 1-based line the comment starts on, and the line it ends on. */
  line: number;
  endLine: number;
  column: number;
}

const DIRECTIVE = /^\s*(securestore-audit|eslint)-(disable-next-line|disable-line|disable|enable)(?:\s+([\s\S]*))?$/;

function commentBody(text: string): string {
  return text.startsWith('//') ? text.slice(2) : text.slice(2, -2);
}

/** Every comment of the file, each once, found through the parsed tree (strings never look like comments). */
function commentRanges(sf: ts.SourceFile): ts.CommentRange[] {
  const seen = new Map<number, ts.CommentRange>();
  const add = (ranges: ts.CommentRange[] | undefined) => ranges?.forEach((r) => seen.set(r.pos, r));
  const visit = (node: ts.Node): void => {
    add(ts.getLeadingCommentRanges(sf.text, node.pos));
    add(ts.getTrailingCommentRanges(sf.text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  add(ts.getLeadingCommentRanges(sf.text, sf.endOfFileToken.pos));
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

export function parseDirectives(sf: ts.SourceFile): Directive[] {
  return directivesIn(sf, commentRanges(sf));
}

/**
 * The directives among a file's comments, given by offsets (`//…` to the end
 * of its line, `/*…*\/`): for a language whose comments are found otherwise (Dart, see src/dart/comments.ts).
 */
export function directivesIn(sf: HasText, comments: readonly { pos: number; end: number }[]): Directive[] {
  const directives: Directive[] = [];
  for (const range of comments) {
    const text = sf.text.slice(range.pos, range.end);
    const match = DIRECTIVE.exec(commentBody(text));
    if (!match) continue;
    const origin = match[1] as Directive['origin'];
    const kind = match[2] as DirectiveKind;
    // A line comment directive cannot span lines; a block's text is one directive.
    const [listPart, ...reason] = (match[3] ?? '').split(/\s--\s|\s--$/);
    const listed = (listPart ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    let rules: string[] | 'all';
    if (listed.length === 0) rules = 'all';
    else if (origin === 'eslint') {
      rules = listed.filter((r) => r.startsWith('securestore/'));
      if (rules.length === 0) continue; // only other plugins' rules: not ours to track
    } else rules = listed.map((r) => (r.startsWith('securestore/') ? r : `securestore/${r}`));
    const startPos = lineAndCharacter(sf, range.pos);
    directives.push({
      kind,
      origin,
      rules,
      justification: reason.join(' -- ').trim(),
      start: range.pos,
      end: range.end,
      line: startPos.line + 1,
      endLine: lineAndCharacter(sf, range.end).line + 1,
      column: startPos.character + 1,
    });
  }
  return directives;
}

interface Suppressible {
  ruleId: string;
  line: number;
  start: number;
}

const covers = (directive: Directive, ruleId: string) => directive.rules === 'all' || directive.rules.includes(ruleId);

/**
 * The directive that suppresses a finding, if any. Marks it used for the rule.
 */
export function findSuppression(finding: Suppressible, directives: Directive[], used: Map<Directive, Set<string>>): Directive | undefined {
  let match: Directive | undefined;
  for (const d of directives) {
    if (!covers(d, finding.ruleId)) continue;
    if (d.kind === 'disable-next-line' && finding.line === d.endLine + 1) match ??= d;
    if (d.kind === 'disable-line' && finding.line >= d.line && finding.line <= d.endLine) match ??= d;
  }
  if (!match) {
    // Block comments: the last disable/enable for this rule before the finding decides.
    for (const d of directives) {
      if (d.start > finding.start) break;
      if (!covers(d, finding.ruleId)) continue;
      if (d.kind === 'disable') match = d;
      else if (d.kind === 'enable') match = undefined;
    }
  }
  if (match) {
    const set = used.get(match) ?? new Set<string>();
    set.add(finding.ruleId);
    used.set(match, set);
  }
  return match;
}

/**
 * Directives of ours that suppressed nothing, with the rules they listed in vain.
 * Only rules that ran are considered; ESLint directives that disable every
 * rule belong to ESLint and are never reported here.
 */
export function unusedDirectives(
  directives: Directive[],
  used: Map<Directive, Set<string>>,
  ranRules: Set<string>,
): { directive: Directive; rules: string[] | 'all' }[] {
  const unused: { directive: Directive; rules: string[] | 'all' }[] = [];
  for (const d of directives) {
    if (d.kind === 'enable') continue;
    const hits = used.get(d) ?? new Set();
    if (d.rules === 'all') {
      if (d.origin === 'securestore-audit' && hits.size === 0) unused.push({ directive: d, rules: 'all' });
      continue;
    }
    const idle = d.rules.filter((r) => ranRules.has(r) && !hits.has(r));
    if (idle.length > 0) unused.push({ directive: d, rules: idle });
  }
  return unused;
}
