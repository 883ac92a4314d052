import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Reporter } from './types.js';

/** Output formats by name, chosen with `--format`. */
export const reporters: Record<string, Reporter> = { stylish, json, sarif, github, gitlab };
export type { Reporter, ReportContext } from './types.js';
