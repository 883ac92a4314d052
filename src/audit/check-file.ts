import { performance } from 'node:perf_hooks';
import { BudgetExceeded, withDeadline } from '../core/budget.js';
import { toFinding } from '../core/findings.js';
import type { FileModel } from '../core/model.js';
import { projectFile, type ProjectFile } from '../core/project-file.js';
import type { ActiveRule } from './active-rules.js';
import type { AuditFileResult, AuditFinding } from '../core/result.js';
import { failureDetail, ruleFailure, toolWarning } from './tool-warnings.js';

// One file's own analysis: every rule's per-file check, then the record the
// project-wide rules compare, all under the file's time budget. A rule that
// fails or runs out of time is said so on the file; the other files go on.

/** How every note of a file over its time budget starts, as --max-file-time's help says it. */
export const NOT_FULLY_ANALYSED = 'Not fully analysed:';

export interface FileChecker {
  /** Runs every rule's per-file check on one file, each under what is left of the file's budget; true when all of them finished. */
  check(file: FileModel, result: AuditFileResult): boolean;
  /** The file as the project-wide rules see it, or undefined (and said so on the file) when it is over its budget. */
  projectFile(file: FileModel, result: AuditFileResult): ProjectFile | undefined;
}

/** `rulesFor` gives the rules of each file's own config. */
export function fileChecker(rulesFor: (file: string) => ActiveRule[], budget: number, timings: Record<string, number>): FileChecker {
  /** Time each file has used of its budget. */
  const spent = new Map<string, number>();
  return {
    check(file, result) {
      const rules = rulesFor(file.fileName);
      for (const [index, { rule, severity, options: ruleOpts }] of rules.entries()) {
        const used = spent.get(file.fileName) ?? 0;
        const start = performance.now();
        let stopped = false;
        let failed = false;
        try {
          withDeadline(budget - used, () =>
            rule.check({
              file,
              options: ruleOpts,
              projectPass: rule.checkProject !== undefined,
              report: (descriptor) => {
                const finding: AuditFinding = { ...toFinding(rule, file, descriptor), severity };
                result.findings.push(finding);
              },
            }),
          );
        } catch (error) {
          if (error instanceof BudgetExceeded) stopped = true;
          else {
            result.findings.push(ruleFailure(file.fileName, rule.id, error));
            failed = true;
          }
        }
        const now = performance.now();
        timings[`rule:${rule.id}`] = (timings[`rule:${rule.id}`] ?? 0) + now - start;
        const total = used + now - start;
        spent.set(file.fileName, stopped ? Math.max(total, budget + 1) : total);
        if (failed) return false;
        if (stopped || total > budget) {
          const left = rules.slice(index + 1).map((r) => r.rule.id);
          const rest = left.length || stopped ? `; rules not finished: ${[...(stopped ? [rule.id] : []), ...left].join(', ')}` : '';
          result.findings.push(
            toolWarning(
              file.fileName,
              'fileBudget',
              `${NOT_FULLY_ANALYSED} this file took ${Math.round(total)} ms, over the --max-file-time budget of ${budget} ms${rest}.`,
            ),
          );
          return false;
        }
      }
      return true;
    },
    projectFile(file, result) {
      const used = spent.get(file.fileName) ?? 0;
      if (used > budget) return undefined; // already reported as over budget
      const start = performance.now();
      try {
        return withDeadline(budget - used, () => projectFile(file));
      } catch (error) {
        if (error instanceof BudgetExceeded) {
          result.findings.push(
            toolWarning(
              file.fileName,
              'fileBudget',
              `${NOT_FULLY_ANALYSED} this file is over the --max-file-time budget of ${budget} ms; the project-wide rules leave it out.`,
            ),
          );
        } else {
          result.findings.push(
            toolWarning(
              file.fileName,
              'ruleFailed',
              `The project-wide rules could not analyse this file (${failureDetail(error)}); the other files were compared.`,
            ),
          );
        }
        return undefined;
      } finally {
        spent.set(file.fileName, used + performance.now() - start);
      }
    },
  };
}
