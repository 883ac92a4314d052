import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/package-info.js';
import { docsUrl } from '../core/rule.js';

// A rule's explanation for reports that carry one (SARIF's fullDescription
// and help), read from the rule's own doc, which ships with the package. The
// doc is the only copy: what code scanning shows cannot drift from it.

const HEADER_END = '<!-- end auto-generated rule header -->';

export interface RuleHelp {
  /** Why the rule matters: the doc's `## Why` section, as plain text. */
  why: string;
  /** The whole doc below its generated header, links made absolute. */
  markdown: string;
  /** The same as plain text. */
  text: string;
}

/** Relative links of the doc (`#why`, `other-rule.md`, `../../README.md#x`) resolved against its published URL. */
function absoluteLinks(markdown: string, base: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (_match, href: string) => `](${new URL(href, base).href})`);
}

/** Markdown as plain text: emphasis markers and heading marks dropped, links as `label (url)`. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/^#{1,6} +/gm, '');
}

/**
 * Hard-wrapped paragraphs and list items joined into one line each, so a
 * viewer wraps them to its own width. A line that starts a list item starts
 * a new line; any other line continues the one before it.
 */
function unwrap(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) =>
      block
        .split('\n')
        .reduce<string[]>((lines, line) => {
          if (lines.length === 0 || /^\s*(?:[-*]|\d+\.)\s/.test(line)) lines.push(line.trimEnd());
          else lines[lines.length - 1] += ` ${line.trim()}`;
          return lines;
        }, [])
        .join('\n'),
    )
    .join('\n\n');
}

/** The text of a `## <title>` section, up to the next `## ` heading. */
function section(markdown: string, title: string): string | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
}

const cache = new Map<string, RuleHelp | undefined>();

/** The explanation of rule `id` from `docs/rules/<id>.md`; undefined when the doc is not there. */
export function ruleHelp(id: string): RuleHelp | undefined {
  if (cache.has(id)) return cache.get(id);
  let help: RuleHelp | undefined;
  try {
    const doc = readFileSync(join(packageRoot, 'docs', 'rules', `${id}.md`), 'utf8').replace(/\r\n/g, '\n');
    const headerEnd = doc.indexOf(HEADER_END);
    const body = absoluteLinks(headerEnd < 0 ? doc : doc.slice(headerEnd + HEADER_END.length), docsUrl(id)).trim();
    const why = section(body, 'Why');
    help = { why: why ? unwrap(plainText(why)) : '', markdown: body, text: plainText(body) };
  } catch {
    help = undefined;
  }
  cache.set(id, help);
  return help;
}
