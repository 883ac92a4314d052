import type { TextEdit } from './types.js';

// Rule fixes are lists of text edits: applying them (--fix), merging them
// into ESLint's one-range form (the JSON report, the ESLint adapter).

/** Applies non-overlapping edit groups in order; a group that overlaps an earlier one waits for the next pass. */
export function applyFixes(text: string, fixes: TextEdit[][]): { text: string; applied: number } {
  const accepted: TextEdit[] = [];
  let applied = 0;
  const sorted = [...fixes].sort((a, b) => Math.min(...a.map((e) => e.start)) - Math.min(...b.map((e) => e.start)));
  for (const group of sorted) {
    const overlaps = group.some((e) => accepted.some((a) => (e.start < a.end && a.start < e.end) || (e.start === a.start && e.end === a.end)));
    if (overlaps) continue;
    accepted.push(...group);
    applied++;
  }
  let result = text;
  for (const edit of accepted.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return { text: result, applied };
}

/** Rules write `\n`; a file that uses CRLF keeps CRLF in what a fix inserts. */
export function matchLineEndings(original: string, edits: TextEdit[]): TextEdit[] {
  const crlf = (original.match(/\r\n/g)?.length ?? 0) > 0 && (original.match(/(?<!\r)\n/g)?.length ?? 0) === 0;
  if (!crlf) return edits;
  return edits.map((edit) => ({ ...edit, text: edit.text.replace(/\r?\n/g, '\r\n') }));
}

/** ESLint's JSON shape for a fix: one range and one text covering all edits. */
export function mergeEdits(text: string, edits: TextEdit[]): { range: [number, number]; text: string } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const start = sorted[0]!.start;
  const end = Math.max(...sorted.map((e) => e.end));
  let out = '';
  let cursor = start;
  for (const edit of sorted) {
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  out += text.slice(cursor, end);
  return { range: [start, end], text: out };
}
