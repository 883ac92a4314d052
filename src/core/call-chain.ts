// How a message shows a storage call reached through the app's own functions.
// The analysis keeps the whole chain (`storage.setSecret() → this.setAny() →
// MMKV.set`); a message keeps its first call, the one the finding points at,
// and its last, the store's: those two say what to change and where the data
// goes. The functions between them are one `…`, so wrappers of wrappers keep a
// message short.

const ARROW = ' → ';

/** `a() → b() → c() → MMKV.set` → `a() → … → MMKV.set`; a chain of one or two calls, or any other text, as it is. */
export function elideCallChain(text: string): string {
  const calls = text.split(ARROW);
  return calls.length <= 2 ? text : [calls[0], '…', calls[calls.length - 1]].join(ARROW);
}
