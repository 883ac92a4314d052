import type { TSESLint } from '@typescript-eslint/utils';
import { importResolver, mentionsApi, relevanceOracle } from '../core/prefilter.js';
import { programResolver, type ProgramLike } from './file-model.js';
import { sharedDiskHost } from './disk-host.js';

// Every rule asks, before returning any visitor, whether the file can matter.
// The answer comes from the file's text and import specifiers, once per file
// for all rules, so a file that touches no storage costs a substring search.

const verdicts = new WeakMap<object, boolean>();

/** With type information, local imports are followed through the user's program (text only, no parse). */
const oracles = new WeakMap<object, (file: string) => boolean>();

function programOracle(program: ProgramLike): (file: string) => boolean {
  let oracle = oracles.get(program);
  if (!oracle) {
    oracle = relevanceOracle((file) => program.getSourceFile(file)?.text, importResolver(programResolver(program)));
    oracles.set(program, oracle);
  }
  return oracle;
}

export function mayMatter(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const sourceCode = context.sourceCode;
  const known = verdicts.get(sourceCode);
  if (known !== undefined) return known;
  const program = (sourceCode.parserServices as { program?: ProgramLike | null } | undefined)?.program;
  let verdict: boolean;
  if (program) {
    verdict = mentionsApi(sourceCode.text, context.filename) || programOracle(program)(context.filename);
  } else {
    // Without a program, the other files are read from disk; the file's own text is ESLint's (unsaved edits included).
    const host = sharedDiskHost();
    host.nextLint();
    verdict = host.mayMatter(context.filename, sourceCode.text);
  }
  verdicts.set(sourceCode, verdict);
  return verdict;
}
