// How code scanning should rank each rule's alerts. GitHub reads
// `security-severity` (a number from 0.0 to 10.0, as a string) on rules
// tagged `security` and shows it as Critical (over 9.0), High (7.0 to 8.9),
// Medium (4.0 to 6.9) or Low (up to 3.9); it orders alerts by `precision`.
// Rules whose findings are bugs rather than exposures of a secret carry no
// score: a score would list a slow render as a security alert. The README's
// table gives the reason for each value (a test keeps the two the same).

export type Precision = 'very-high' | 'high' | 'medium' | 'low';

export interface RuleRanking {
  tags: string[];
  /** Present only for rules whose findings can expose a secret. */
  securitySeverity?: string;
  precision: Precision;
}

export const RULE_RANKINGS: Record<string, RuleRanking> = {
  'no-tokens-in-async-storage': { tags: ['security', 'external/cwe/cwe-312'], securitySeverity: '7.5', precision: 'high' },
  'no-read-before-biometric-gate': { tags: ['security'], securitySeverity: '6.0', precision: 'high' },
  'require-keychain-accessible': { tags: ['security', 'external/cwe/cwe-922'], securitySeverity: '5.5', precision: 'high' },
  'require-sign-out-cleanup': { tags: ['security', 'external/cwe/cwe-459'], securitySeverity: '5.0', precision: 'medium' },
  'consistent-keychain-options': { tags: ['security'], securitySeverity: '4.0', precision: 'high' },
  'no-orphan-key': { tags: ['correctness'], precision: 'medium' },
  'require-prefix-header': { tags: ['maintainability'], precision: 'high' },
  'valid-secure-store-key': { tags: ['correctness'], precision: 'high' },
  'no-oversized-value': { tags: ['reliability'], precision: 'high' },
  'no-sync-on-hot-path': { tags: ['performance'], precision: 'high' },
  'no-deprecated-storage-options': { tags: ['maintainability'], precision: 'high' },
};

/** A rule this table does not know yet: listed, not ranked as a security alert. */
export const UNRANKED: RuleRanking = { tags: [], precision: 'medium' };
