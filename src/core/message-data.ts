import { elideCallChain } from './call-chain.js';
import { redactData } from './redact.js';

/**
 * A report's data as both front-ends put it into the message: literals that
 * look like a secret redacted, wrapper chains cut to their ends. The rules
 * hand over exact data; how a message shortens it is decided here, once.
 */
export function messageData(data: Record<string, string> | undefined): Record<string, string> {
  const result = redactData(data);
  for (const [key, value] of Object.entries(result)) result[key] = elideCallChain(value);
  return result;
}
