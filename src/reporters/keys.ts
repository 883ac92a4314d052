import type { KeyOperation } from '../core/key-usage.js';
import type { KeyEntry, KeySite } from '../core/result.js';
import { storeName } from '../core/apis.js';
import { printable } from '../core/printable.js';

// The key registry (`securestore-audit keys`) as text, Markdown or JSON.

function optionsText(site: KeySite): string {
  if (!site.options) return '';
  const parts = Object.entries(site.options).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : 'none';
}

function sitesOf(entry: KeyEntry, operation: KeyOperation): KeySite[] {
  return entry.sites.filter((s) => s.operation === operation);
}

/** `3 keys`, and the calls whose key is unknown, which make the list incomplete. */
function summary(entries: KeyEntry[]): string {
  const keys = entries.filter((e) => !e.unresolved).length;
  const unresolved = entries.filter((e) => e.unresolved).reduce((n, e) => n + e.sites.length, 0);
  const counted = `${keys} ${keys === 1 ? 'key' : 'keys'}`;
  if (unresolved === 0) return counted;
  return `${counted}, and ${unresolved} ${unresolved === 1 ? 'call' : 'calls'} with a key that could not be resolved: the list is incomplete`;
}

function heading(entry: KeyEntry): string {
  if (entry.unresolved) return `(unresolved keys)  (${storeName(entry.store)})`;
  return `${printable(entry.key)}  (${storeName(entry.store)}${entry.pattern ? ', pattern' : ''})`;
}

export function formatKeysText(entries: KeyEntry[]): string {
  if (entries.length === 0) return 'No storage keys found.\n';
  const out: string[] = [];
  for (const entry of entries) {
    out.push(heading(entry));
    for (const operation of ['write', 'read', 'delete'] as const) {
      for (const site of sitesOf(entry, operation)) {
        const options = optionsText(site);
        out.push(`  ${operation.padEnd(6)} ${printable(site.file)}:${site.line}  ${site.method}${options ? `  [${printable(options)}]` : ''}`);
      }
    }
  }
  return `${out.join('\n')}\n\n${summary(entries)}\n`;
}

function escapeCell(text: string): string {
  return printable(text).replace(/\|/g, '\\|');
}

export function formatKeysMarkdown(entries: KeyEntry[]): string {
  const rows = entries.map((entry) => {
    const where = (operation: KeyOperation) =>
      sitesOf(entry, operation)
        .map((s) => `\`${escapeCell(s.file)}:${s.line}\``)
        .join('<br>') || '—';
    const options = [...new Set(entry.sites.map(optionsText).filter(Boolean))].join('<br>') || '—';
    const key = entry.unresolved ? '(unresolved)' : `\`${escapeCell(entry.key)}\``;
    return `| ${key} | ${storeName(entry.store)} | ${where('write')} | ${where('read')} | ${where('delete')} | ${escapeCell(options)} |`;
  });
  const table = `| Key | Store | Written | Read | Deleted | Options |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
  // The count only when some keys are unknown: a complete registry's table is unchanged.
  return entries.some((e) => e.unresolved) ? `${table}\n${summary(entries)}.\n` : table;
}

export function formatKeysJson(entries: KeyEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
