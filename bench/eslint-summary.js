// ESLint formatter for the benchmark: a few counts instead of every message,
// so that writing the report costs the same (next to nothing) for every config
// being compared.
export default function summary(results) {
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
  return JSON.stringify({ files: results.length, fatal, fatalFiles, errors, warnings, byRule });
}
