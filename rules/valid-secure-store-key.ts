import { defineRule, keyUsages } from '../src/core/rule-api.js';

// expo-secure-store accepts keys made of letters, digits, `.`, `-` and `_`; any
// other character makes the call throw at run time. Literal parts of a
// pattern key are checked too: `user:${id}` fails whatever `id` is.

const ALLOWED = /^[A-Za-z0-9._-]*$/;

const messages = {
  invalidKey: "SecureStore key '{{key}}' contains {{characters}}; use only letters, digits, '.', '-' and '_'.",
  emptyKey: 'SecureStore key is empty; SecureStore throws on an empty key at run time.',
} as const;

type MessageId = keyof typeof messages;

function describeCharacters(text: string): string {
  const bad = [...new Set([...text].filter((c) => !ALLOWED.test(c)))];
  return bad.map((c) => (c === ' ' ? 'a space' : `'${c}'`)).join(', ');
}

export default defineRule<object, MessageId>({
  id: 'valid-secure-store-key',
  meta: {
    type: 'problem',
    description: 'Require SecureStore keys made only of letters, digits, `.`, `-` and `_`',
    recommended: 'error',
    messages,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(context) {
    for (const usage of keyUsages(context.file)) {
      if (usage.store !== 'secure-store') continue;
      const literal = usage.key.kind === 'exact' ? usage.key.value : usage.key.parts.filter((p): p is string => p !== null).join('');
      if (usage.key.kind === 'exact' && literal === '') {
        context.report({ start: usage.start, end: usage.end, messageId: 'emptyKey' });
      } else if (!ALLOWED.test(literal)) {
        context.report({ start: usage.start, end: usage.end, messageId: 'invalidKey', data: { key: usage.keyText, characters: describeCharacters(literal) } });
      }
    }
  },
});
