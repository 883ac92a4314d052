import { relative } from 'node:path';
import type { Ajv, ErrorObject } from 'ajv';
import { loadAjv } from './ajv-loader.cjs';
import { configIgnoreMatcher, locateConfig, type FoundConfig } from './config-file.js';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { allRules } from '../../rules/index.js';
import type { Severity } from '../core/types.js';
import { UsageError } from './errors.js';
import { closestName } from './closest-name.js';

export { CONFIG_FILE_NAME, PACKAGE_JSON_KEY } from './config-file.js';

export type Preset = 'recommended' | 'strict';

type SeverityValue = Severity | 0 | 1 | 2;
export type RuleSetting = SeverityValue | [SeverityValue] | [SeverityValue, Record<string, unknown>];

export interface ConfigFile {
  $schema?: string;
  extends?: Preset;
  rules?: Record<string, RuleSetting>;
  ignores?: string[];
  sensitivePatterns?: string[];
  ignorePatterns?: string[];
}

/** The configuration the audit runs with, after presets and validation. */
export interface ResolvedConfig {
  /** Where it came from, for messages; undefined when no file was found. */
  source?: string;
  preset: Preset;
  severities: Record<string, Severity>;
  ruleOptions: Record<string, Record<string, unknown>>;
  /** Returns true for files the config's `ignores` exclude. */
  isIgnored: (file: string) => boolean;
  /** The validated file contents ({} without a file). */
  file: ConfigFile;
}

// Plain objects: the config schema is data handed to ajv and written for editors.
type Schema = Record<string, unknown>;
const SEVERITY_SCHEMA: Schema = { enum: ['off', 'warn', 'error', 0, 1, 2] };

/** JSON schema of the config file, derived from the rules' own option schemas. */
export function configSchema(): Schema {
  const ruleProperties: Record<string, Schema> = {};
  for (const rule of allRules) {
    const setting: Schema = {
      description: `${rule.meta.description}.`,
      oneOf: [SEVERITY_SCHEMA, { type: 'array', items: [SEVERITY_SCHEMA, rule.meta.schema], minItems: 1, maxItems: 2, additionalItems: false }],
    };
    ruleProperties[rule.id] = setting;
    ruleProperties[`securestore/${rule.id}`] = setting;
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'securestore-audit configuration',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      extends: { enum: ['recommended', 'strict'], description: 'The preset to start from (default: recommended).' },
      rules: { type: 'object', properties: ruleProperties, additionalProperties: false, description: 'Severity (off, warn, error) and options per rule.' },
      ignores: { type: 'array', items: { type: 'string' }, description: 'Globs, relative to the config file, of files not to audit.' },
      sensitivePatterns: { type: 'array', items: { type: 'string' }, description: 'Extra regular expressions that mark a name as a secret (all rules).' },
      ignorePatterns: { type: 'array', items: { type: 'string' }, description: 'Regular expressions that mark a name as not a secret (all rules).' },
    },
    additionalProperties: false,
  };
}

let validator: ReturnType<Ajv['compile']> | undefined;

function pathOf(error: ErrorObject): string {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `${out ? `${out}.` : ''}${extra}`;
  }
  return out || '(root)';
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return error.instancePath === '/rules' ? `unknown rule${ruleSuggestion(error)}` : 'unknown property';
  if (error.keyword === 'enum')
    return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return error.message ?? 'is invalid';
}

/** "; did you mean `require-keychain-accessible`?" for a misspelled rule id, with the `securestore/` prefix when the user wrote one. */
function ruleSuggestion(error: ErrorObject): string {
  const written = (error.params as { additionalProperty: string }).additionalProperty;
  const prefix = written.startsWith('securestore/') ? 'securestore/' : '';
  const closest = closestName(
    written.slice(prefix.length),
    allRules.map((rule) => rule.id),
  );
  return closest ? `; did you mean \`${prefix}${closest}\`?` : '';
}

/** The most specific error: ajv reports every branch of a oneOf; the deepest path tells the user most. */
function bestError(errors: ErrorObject[]): ErrorObject {
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || Number(a.keyword === 'oneOf') - Number(b.keyword === 'oneOf'))[0]!;
}

export function validateConfig(data: unknown, source: string): ConfigFile {
  validator ??= new (loadAjv().Ajv)({ allErrors: true, strict: false }).compile(configSchema());
  if (!validator(data)) {
    const error = bestError(validator.errors ?? []);
    throw new UsageError(`${source}: ${pathOf(error)}: ${describe(error)}`);
  }
  const config = data as ConfigFile;
  const checkPatterns = (list: string[] | undefined, where: string) =>
    list?.forEach((pattern, index) => {
      try {
        new RegExp(pattern);
      } catch (error) {
        throw new UsageError(`${source}: ${where}[${index}]: invalid regular expression (${(error as Error).message})`);
      }
    });
  checkPatterns(config.sensitivePatterns, 'sensitivePatterns');
  checkPatterns(config.ignorePatterns, 'ignorePatterns');
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const options = Array.isArray(setting) ? setting[1] : undefined;
    checkPatterns(options?.sensitivePatterns as string[] | undefined, `rules.${id}[1].sensitivePatterns`);
    checkPatterns(options?.ignorePatterns as string[] | undefined, `rules.${id}[1].ignorePatterns`);
  }
  return config;
}

/** The same config on another preset (`--strict`): preset defaults replaced, explicit rule settings kept. */
export function withPreset(config: ResolvedConfig, preset: Preset, explicit: ConfigFile = config.file): ResolvedConfig {
  return { ...resolveSettings(explicit, preset), source: config.source, file: explicit, isIgnored: config.isIgnored };
}

const SEVERITY_NAMES: Record<string, Severity> = { 0: 'off', 1: 'warn', 2: 'error', off: 'off', warn: 'warn', error: 'error' };

/** Loads, validates and resolves the configuration; `explicit` is the `--config` file. */
export function loadConfig(cwd: string, explicit?: string): ResolvedConfig {
  return resolveFound(locateConfig(cwd, explicit), cwd);
}

/** Validates and resolves a config file found (none: the defaults); messages name it relative to `cwd`. */
export function resolveFound(found: FoundConfig | undefined, cwd: string): ResolvedConfig {
  const shown = (path: string) => relative(cwd, path) || path;
  const config = found ? validateConfig(found.data, shown(found.source)) : {};
  return {
    ...resolveSettings(config, config.extends ?? 'recommended'),
    source: found?.source,
    file: config,
    isIgnored: configIgnoreMatcher(found, config.ignores, cwd),
  };
}

function resolveSettings(config: ConfigFile, preset: Preset): Pick<ResolvedConfig, 'preset' | 'severities' | 'ruleOptions'> {
  const severities: Record<string, Severity> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  const hasClassifier = (schema: JSONSchema4) => {
    const properties = (schema as { properties?: object }).properties;
    return properties !== undefined && 'sensitivePatterns' in properties;
  };
  for (const rule of allRules) {
    severities[rule.id] = preset === 'strict' ? 'error' : rule.meta.recommended;
    if (preset === 'strict' && rule.meta.strictOptions) ruleOptions[rule.id] = { ...rule.meta.strictOptions };
    if (hasClassifier(rule.meta.schema) && (config.sensitivePatterns || config.ignorePatterns)) {
      ruleOptions[rule.id] = {
        ...ruleOptions[rule.id],
        ...(config.sensitivePatterns ? { sensitivePatterns: config.sensitivePatterns } : {}),
        ...(config.ignorePatterns ? { ignorePatterns: config.ignorePatterns } : {}),
      };
    }
  }
  for (const [key, setting] of Object.entries(config.rules ?? {})) {
    const id = key.replace(/^securestore\//, '');
    const [severity, options] = Array.isArray(setting) ? setting : [setting];
    severities[id] = SEVERITY_NAMES[String(severity)]!;
    if (options) ruleOptions[id] = { ...ruleOptions[id], ...options };
  }
  return { preset, severities, ruleOptions };
}
