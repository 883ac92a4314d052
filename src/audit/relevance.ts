import { relevanceOracle } from '../core/prefilter.js';
import type { ProjectHost } from './project-host.js';

/**
 * The audited files that import a storage API, or import (transitively) an
 * audited file that does: the callers of wrappers must be analysed too.
 * Only the audited files are read; an import that leads outside them is
 * unknown, and unknown is never a finding.
 */
export function relevantFiles(texts: Map<string, string>, host: ProjectHost): Set<string> {
  // Bare package names resolve only through a `paths` alias; the host answers fast otherwise.
  const isRelevant = relevanceOracle(
    (file) => texts.get(file),
    (from, spec) => host.resolveModulePath(from, spec),
  );
  return new Set([...texts.keys()].filter(isRelevant));
}
