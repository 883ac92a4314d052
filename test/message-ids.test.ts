import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { audit } from '../src/index.js';
import { toFinding } from '../src/core/findings.js';
import { defineRule, type RuleContext } from '../src/core/rule-api.js';
import validSecureStoreKey from '../rules/valid-secure-store-key.js';
import { fixturesDir, repoRoot } from './helpers/run.js';

// A rule's message ids are a type: a misspelt one is a compile error. The
// `@ts-expect-error` lines below are the proof, checked by
// `tsc -p tsconfig.json --noEmit`, which fails on a directive that expects an
// error where there is none. What gets past the types (a cast, plain
// JavaScript) makes a development build throw.

const messages = {
  tooShort: 'The key {{key}} is shorter than the rule allows.',
  addPrefix: 'Add the prefix {{prefix}}.',
} as const;

type MessageId = keyof typeof messages;

/** A helper that would accept any id: a rule's typed context cannot be handed to it. */
function reportAnything(context: RuleContext<object>): void {
  context.report({ start: 0, messageId: 'anything' });
}

const example = defineRule<object, MessageId>({
  id: 'typed-message-ids',
  meta: {
    type: 'problem',
    description: 'Example of typed message ids',
    recommended: 'off',
    messages,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(context) {
    context.report({ start: 0, messageId: 'tooShort', suggestions: [{ messageId: 'addPrefix', edits: [] }] });
    // @ts-expect-error: 'toShort' is not one of the rule's message ids
    context.report({ start: 0, messageId: 'toShort' });
    // @ts-expect-error: nor is a suggestion's 'addPrefx'
    context.report({ start: 0, messageId: 'tooShort', suggestions: [{ messageId: 'addPrefx', edits: [] }] });
    // @ts-expect-error: the helper's ids are any string, so the typed context is refused
    reportAnything(context);
  },
  checkProject(context) {
    // @ts-expect-error: project-wide reports are typed the same way
    context.report({ fileName: 'a.ts', text: '' }, { start: 0, messageId: 'tooshort' });
  },
});

defineRule<object, MessageId>({
  ...example,
  // @ts-expect-error: every message id needs a text
  meta: { ...example.meta, messages: { tooShort: 'The key {{key}} is shorter than the rule allows.' } },
});

// @ts-expect-error: the message ids cannot be left out (they would default to any string)
defineRule<object>(example);

const file = { fileName: 'a.ts', text: "SecureStore.getItemAsync('k');\n" };

describe('an unknown message id', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is formatted when known', () => {
    expect(toFinding(example, file, { start: 0, messageId: 'tooShort', data: { key: 'k' } }).message).toBe('The key k is shorter than the rule allows.');
  });

  it('throws in a development build, naming the rule and the id', () => {
    vi.stubEnv('NODE_ENV', 'development');
    expect(() => toFinding(example, file, { start: 0, messageId: 'toShort' })).toThrow(
      'rule typed-message-ids reported the message id "toShort", which is not in its meta.messages',
    );
    const suggestion = { start: 0, messageId: 'tooShort' as const, suggestions: [{ messageId: 'addPrefx' as MessageId, edits: [] }] };
    expect(() => toFinding(example, file, suggestion)).toThrow('"addPrefx"');
  });

  it('is printed as the id with NODE_ENV=production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(toFinding(example, file, { start: 0, messageId: 'toShort' }).message).toBe('toShort');
  });

  it('stops the rule in a development audit, which says so instead of printing a bare id', () => {
    vi.stubEnv('NODE_ENV', 'development');
    const meta = validSecureStoreKey.meta;
    // The real rule, with one message text taken away: its report now names an unknown id.
    validSecureStoreKey.meta = { ...meta, messages: {} as typeof meta.messages };
    try {
      const result = audit({ cwd: fixturesDir, paths: ['rules/valid-secure-store-key/bad-keys.ts'], rules: ['valid-secure-store-key'] });
      const findings = result.files.flatMap((f) => f.findings);
      expect(findings.map((f) => f.messageId)).toEqual(['ruleFailed']);
      expect(findings[0]!.message).toMatch(
        /^Rule valid-secure-store-key could not analyse this file \(internal error: rule valid-secure-store-key reported the message id "\w+", which is not in its meta\.messages\)/,
      );
    } finally {
      validSecureStoreKey.meta = meta;
    }
  });

  it('is not checked in the published CLI, built as production', () => {
    // rolldown.config.mjs defines NODE_ENV there; the bundle must not carry the throw.
    const bundle = join(repoRoot, 'dist/src/bundle');
    const code = readdirSync(bundle)
      .map((name) => readFileSync(join(bundle, name), 'utf8'))
      .join('\n');
    expect(code).toContain('function messageText(');
    expect(code).not.toContain('which is not in its meta.messages');
  });
});
