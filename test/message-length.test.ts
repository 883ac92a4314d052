import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { runCli } from './helpers/run.js';

// Issue 22 item 6: a message is one sentence of at most 120 characters naming the
// key, call or variable and saying what to do; the explanation is in the rule's doc.
const MAX = 120;

/** Every message and suggestion text of an ESLint-shaped JSON report. */
function messagesOf(report: unknown): { ruleId: string; text: string }[] {
  const out: { ruleId: string; text: string }[] = [];
  for (const file of report as { messages: { ruleId: string; message: string; suggestions?: { desc: string }[] }[] }[]) {
    for (const m of file.messages) {
      out.push({ ruleId: m.ruleId, text: m.message });
      for (const s of m.suggestions ?? []) out.push({ ruleId: m.ruleId, text: s.desc });
    }
  }
  return out;
}

/** `--rule <id>` for every rule: the rules off in the presets report too. */
const everyRule = allRules.flatMap((rule) => ['--rule', rule.id]);

describe('message length', () => {
  // Real data makes messages longer than their templates: other files' paths, keychain constants,
  // wrapper chains, field paths. Every fixture is run, as configured and with every rule on; one
  // run over the whole folder lets the project-wide checks name files of other fixtures, as a
  // large app's would.
  it.each([
    ['as configured', []],
    ['with every rule on', everyRule],
    ['with the strict preset', ['--strict']],
  ])('keeps every message over all the fixtures within 120 characters, %s', async (_name, rules) => {
    const run = await runCli(['fixtures', '--format', 'json', ...rules]);
    expect(run.stderr).toBe('');
    const all = messagesOf(JSON.parse(run.stdout));
    // Both front-ends report: the test sees TS and Dart messages.
    expect(all.some((m) => m.ruleId.endsWith('no-tokens-in-async-storage') && m.text.includes('SharedPreferences'))).toBe(true);
    expect(all.some((m) => m.text.includes('SecureStore.'))).toBe(true);
    const long = [...new Set(all.filter((m) => m.text.length > MAX).map((m) => `${m.text.length} ${m.text}`))];
    expect(long).toEqual([]);
  });

  it('keeps each template within 120 characters, counting 12 for each placeholder', () => {
    const long: string[] = [];
    for (const rule of allRules) {
      for (const [id, template] of Object.entries(rule.meta.messages)) {
        const filled = template.replace(/\{\{\s*\w+\s*\}\}/g, 'x'.repeat(12));
        if (filled.length > MAX) long.push(`${rule.id}:${id} (${filled.length})`);
        // One sentence: no full stop before the end.
        if (/[.!?] [A-Z]/.test(template.replace(/\{\{\s*\w+\s*\}\}/g, 'x').replace(/e\.g\. /g, ''))) long.push(`${rule.id}:${id} has two sentences`);
      }
    }
    expect(long).toEqual([]);
  });
});
