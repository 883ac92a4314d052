/** A problem with how the tool was called or configured: exit code 2, one line, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
