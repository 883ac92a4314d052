import { keyUsages, KEYCHAIN_OPTION_NAMES, type KeyOperation } from '../core/key-usage.js';
import { discoverFiles } from './discover.js';
import { loadConfig } from './config.js';
import { parseProject, readFiles } from './project.js';
import { timer } from './audit.js';
import { repoRelative } from './fingerprint.js';
import { redactData, redactValue } from '../core/redact.js';
import { storeName } from '../core/apis.js';
import { printable } from '../reporters/printable.js';

// The key registry: every storage key the app uses, where it is written, read
// and deleted, and with which options. Plain data; formats live in reporters.

export interface KeySite {
  operation: KeyOperation;
  file: string;
  line: number;
  method: string;
  /** SecureStore keychain options at this call; `unknown` values could not be resolved. */
  options?: Record<string, string>;
}

export interface KeyEntry {
  key: string;
  /** True when the key is a pattern with unknown parts, such as `auth.remember.${…}`. */
  pattern: boolean;
  store: string;
  sites: KeySite[];
}

export interface KeysOptions {
  cwd?: string;
  paths?: string[];
  configFile?: string;
}

export function collectKeys(options: KeysOptions = {}): KeyEntry[] {
  const cwd = options.cwd ?? process.cwd();
  const config = loadConfig(cwd, options.configFile);
  const { time } = timer();
  const files = discoverFiles(options.paths?.length ? options.paths : ['.'], cwd).files.filter((f) => !config.isIgnored(f));
  const { texts } = readFiles(files);
  const project = parseProject(texts, time);
  const entries = new Map<string, KeyEntry>();
  for (const model of project.models) {
    for (const usage of keyUsages(model)) {
      const id = `${usage.store}\u0000${usage.keyText}`;
      let entry = entries.get(id);
      if (!entry) {
        // A key built from a secret must not print it: the registry is meant to be shared.
        entry = { key: redactValue(usage.keyText), pattern: usage.key.kind === 'pattern', store: usage.store, sites: [] };
        entries.set(id, entry);
      }
      const options = usage.options
        ? Object.fromEntries(KEYCHAIN_OPTION_NAMES.filter((n) => usage.options![n] !== undefined).map((n) => [n, usage.options![n]!]))
        : usage.store === 'secure-store'
          ? { options: 'unknown' }
          : undefined;
      entry.sites.push({ operation: usage.operation, file: repoRelative(cwd, model.fileName), line: usage.line, method: usage.method, ...(options ? { options: redactData(options) } : {}) });
    }
  }
  return [...entries.values()].sort((a, b) => a.key.localeCompare(b.key) || a.store.localeCompare(b.store));
}

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
