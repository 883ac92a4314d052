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

export function formatKeysText(entries: KeyEntry[]): string {
  if (entries.length === 0) return 'No storage keys found.\n';
  const out: string[] = [];
  for (const entry of entries) {
    out.push(`${printable(entry.key)}  (${storeName(entry.store)}${entry.pattern ? ', pattern' : ''})`);
    for (const operation of ['write', 'read', 'delete'] as const) {
      for (const site of sitesOf(entry, operation)) {
        const options = optionsText(site);
        out.push(`  ${operation.padEnd(6)} ${printable(site.file)}:${site.line}  ${site.method}${options ? `  [${printable(options)}]` : ''}`);
      }
    }
  }
  return `${out.join("\n")}\n\n${entries.length} ${entries.length === 1 ? "key" : "keys"}\n`;
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
    return `| \`${escapeCell(entry.key)}\` | ${storeName(entry.store)} | ${where('write')} | ${where('read')} | ${where('delete')} | ${escapeCell(options)} |`;
  });
  return `| Key | Store | Written | Read | Deleted | Options |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}

export function formatKeysJson(entries: KeyEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
