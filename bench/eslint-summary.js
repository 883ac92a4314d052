// ESLint formatter for the benchmark: a few counts instead of every message,
// so that writing the report costs the same (next to nothing) for every config
// being compared. With `--stats`, it also adds up ESLint's own timing of each
// rule (per plugin prefix) and of parsing.
export default function summary(results) {
  const ruleMs = {};
  let parseMs = 0;
  let timed = false;
  for (const result of results) {
    for (const pass of result.stats?.times?.passes ?? []) {
      timed = true;
      parseMs += pass.parse?.total ?? 0;
      for (const [id, time] of Object.entries(pass.rules ?? {})) {
        const plugin = id.includes('/') ? id.slice(0, id.indexOf('/')) : '(core)';
        ruleMs[plugin] = (ruleMs[plugin] ?? 0) + (time.total ?? 0);
      }
    }
  }
  const byRule = {};
  let fatal = 0;
  let errors = 0;
  let warnings = 0;
  const fatalFiles = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) {
        fatal++;
        if (fatalFiles.length < 5) fatalFiles.push(`${result.filePath}:${message.line}: ${message.message}`);
      }
      if (message.severity === 2) errors++;
      else warnings++;
      const id = message.ruleId ?? '(none)';
      byRule[id] = (byRule[id] ?? 0) + 1;
    }
  }
  const stats = timed ? { parseMs: Math.round(parseMs), ruleMs: Object.fromEntries(Object.entries(ruleMs).map(([k, v]) => [k, Math.round(v)])) } : undefined;
  return JSON.stringify({ files: results.length, fatal, fatalFiles, errors, warnings, byRule, stats });
}
