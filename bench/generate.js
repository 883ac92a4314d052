#!/usr/bin/env node
// Writes a deterministic Expo Router app of N source files for the benchmark.
//
//   node bench/generate.js <dir> <count>
//
// The shape follows real apps: most files are screens, components, hooks,
// services and utilities that never touch storage; about 4% call
// expo-secure-store, AsyncStorage or expo-local-authentication directly; three
// wrapper modules (lib/secureStorage.ts, services/auth/tokenStore.ts,
// hooks/useSecureValue.ts) are imported by about 7% of the files, through the
// `@/` alias and through relative paths. Files average ~165 lines with a long
// tail, like the 2,000-file / 335k-line reference app.
//
// The same (count) always gives byte-identical output: every choice comes
// from a seeded PRNG.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 0x5ec0de;

/** mulberry32: small, fast, good enough to vary generated code (the tests' fake secrets use it too). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRandom(seed) {
  const next = prng(seed);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    some: (list, lo, hi) => r.shuffle(list).slice(0, r.int(lo, Math.min(hi, list.length))),
    shuffle: (list) => {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
    /** Log-normal around `median`: most files are medium, a few are long. */
    lognormal: (median, sigma) => {
      const u = Math.max(next(), 1e-9);
      const v = next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return median * Math.exp(sigma * z);
    },
  };
  return r;
}

// ---------------------------------------------------------------- vocabulary

const DOMAINS = [
  ['orders', 'order'],
  ['cart', 'cartItem'],
  ['products', 'product'],
  ['profile', 'profileField'],
  ['messages', 'message'],
  ['notifications', 'notification'],
  ['bookings', 'booking'],
  ['reviews', 'review'],
  ['addresses', 'address'],
  ['payments', 'payment'],
  ['search', 'searchResult'],
  ['feed', 'post'],
  ['settings', 'preference'],
  ['onboarding', 'step'],
  ['support', 'ticket'],
  ['rewards', 'reward'],
  ['events', 'gathering'],
  ['friends', 'friend'],
  ['media', 'mediaItem'],
  ['maps', 'place'],
  ['subscriptions', 'plan'],
  ['inventory', 'stockItem'],
  ['tasks', 'task'],
  ['calendar', 'appointment'],
  ['chat', 'thread'],
  ['billing', 'invoice'],
  ['shipping', 'shipment'],
  ['favorites', 'favorite'],
  ['teams', 'member'],
  ['documents', 'document'],
].map(([plural, singular]) => ({ plural, singular, Pascal: pascal(singular), Plural: pascal(plural) }));

const COMPONENT_SUFFIXES = [
  'Card',
  'Row',
  'List',
  'Header',
  'Badge',
  'Sheet',
  'Form',
  'EmptyState',
  'Summary',
  'Picker',
  'Tile',
  'Banner',
  'Avatar',
  'Chip',
  'Section',
  'Toolbar',
  'Footer',
  'Skeleton',
  'Modal',
  'Details',
];
const HOOK_SUFFIXES = ['List', 'Details', 'Filters', 'Pagination', 'Mutation', 'Form', 'Search', 'Sync', 'Polling', 'Selection'];
const SERVICE_SUFFIXES = ['Api', 'Service', 'Mapper', 'Repository', 'Client', 'Queue', 'Validator'];
const LIB_NAMES = [
  'analytics',
  'logger',
  'eventBus',
  'featureFlags',
  'i18n',
  'theme',
  'queryClient',
  'retry',
  'memoryCache',
  'debounce',
  'throttle',
  'dates',
  'money',
  'validation',
  'network',
  'permissions',
  'deepLinks',
  'haptics',
  'colors',
  'layout',
  'clipboard',
  'share',
  'linking',
  'reachability',
  'scheduler',
];
const UTIL_VERBS = [
  'format',
  'parse',
  'sort',
  'group',
  'filter',
  'compare',
  'normalize',
  'build',
  'validate',
  'merge',
  'compute',
  'summarize',
  'serialize',
  'dedupe',
];
const SCREEN_ACTIONS = [
  'edit',
  'new',
  'filters',
  'history',
  'share',
  'details',
  'settings',
  'search',
  'archive',
  'summary',
  'review',
  'confirm',
  'import',
  'export',
  'stats',
];
const SCREEN_GROUPS = ['[id]', 'manage', 'history', 'shared', 'admin', 'drafts', 'archive', 'team'];
const STATUSES = ['draft', 'pending', 'active', 'archived', 'failed', 'completed', 'cancelled', 'scheduled'];
const WORDS = [
  'No results yet',
  'Pull to refresh',
  'Something went wrong',
  'Try again',
  'Load more',
  'See all',
  'Save changes',
  'Cancel',
  'Continue',
  'Done',
  'Last updated',
  'Nothing here',
  'Sort by date',
  'Filter',
  'Share',
  'Details',
  'Edit',
  'Delete',
  'Undo',
  'Add new',
];
const COLORS = [
  '#ffffff',
  '#f5f5f7',
  '#111827',
  '#6b7280',
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#e5e7eb',
  '#fafafa',
  '#0f172a',
  'transparent',
  'rgba(0,0,0,0.05)',
];

function pascal(word) {
  return word[0].toUpperCase() + word.slice(1);
}

// ---------------------------------------------------------------- file plan

/** Path of `to` as a relative import from `from` (both project-relative, with extensions). */
function relativeImport(from, to) {
  let rel = posix.relative(posix.dirname(from), to.replace(/\.(tsx?|jsx?)$/, ''));
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

function aliasImport(to) {
  return `@/${to.replace(/\.(tsx?|jsx?)$/, '')}`;
}

const WRAPPERS = {
  secureStorage: { path: 'lib/secureStorage.ts', names: ['saveSecret', 'getSecret', 'deleteSecret'] },
  tokenStore: { path: 'services/auth/tokenStore.ts', names: ['tokenStore'] },
  useSecureValue: { path: 'hooks/useSecureValue.ts', names: ['useSecureValue'] },
};

// Ordinary files: how many of each kind (the rest of the app).
const KIND_WEIGHTS = [
  ['screen', 0.27],
  ['component', 0.27],
  ['hook', 0.11],
  ['service', 0.13],
  ['lib', 0.07],
  ['util', 0.15],
];
const DIRECT_VARIANTS = [
  ['ss-namespace-options', 0.25],
  ['ss-named-no-options', 0.2],
  ['ss-sync-render', 0.1],
  ['async-tokens', 0.1],
  ['async-settings', 0.2],
  ['local-auth', 0.15],
];

function weighted(random, table) {
  let x = random.next() * table.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table.at(-1)[0];
}

function planFiles(random, fileCount) {
  const files = [];
  const paths = new Set();
  const names = new Set();
  const unique = (base, taken) => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = base.replace(/(\.[a-z]+)?$/, (ext) => `${base.includes('/') ? '-' : ''}${n}${ext ?? ''}`);
    taken.add(name);
    return name;
  };
  const add = (entry) => {
    entry.path = unique(entry.path, paths);
    files.push(entry);
    return entry;
  };

  // Fixed files every Expo Router app has.
  add({ path: 'app/_layout.tsx', kind: 'root-layout' });
  add({ path: 'app/(tabs)/_layout.tsx', kind: 'tabs-layout' });
  add({ path: 'app/+not-found.tsx', kind: 'not-found' });
  add({ path: 'babel.config.js', kind: 'babel' });
  add({ path: 'metro.config.js', kind: 'metro' });
  for (const wrapper of Object.keys(WRAPPERS)) add({ path: WRAPPERS[wrapper].path, kind: `wrapper-${wrapper}` });

  const remaining = Math.max(0, fileCount - files.length);
  const direct = Math.min(remaining, Math.max(1, Math.round(fileCount * 0.04)));
  const users = Math.min(remaining - direct, Math.max(1, Math.round(fileCount * 0.07)));
  const ordinary = remaining - direct - users;

  const ordinaryFiles = [];
  for (let i = 0; i < ordinary; i++) {
    const kind = weighted(random, KIND_WEIGHTS);
    const d = random.pick(DOMAINS);
    let entry;
    if (kind === 'screen') {
      // Expo Router paths: a tab, a detail route, actions, then nested routes
      // (app/orders/[id]/edit.tsx) once the flat names of a domain are taken.
      let path;
      for (let attempt = 0; attempt < 12 && (!path || paths.has(path)); attempt++) {
        const where = random.next();
        if (attempt < 4 && where < 0.15) path = `app/(tabs)/${d.plural}/index.tsx`;
        else if (attempt < 4 && where < 0.35) path = `app/${d.plural}/[id].tsx`;
        else if (attempt < 4) path = `app/${d.plural}/${random.pick(SCREEN_ACTIONS)}.tsx`;
        else path = `app/${d.plural}/${random.pick(SCREEN_GROUPS)}/${random.pick(SCREEN_ACTIONS)}.tsx`;
      }
      const route = path
        .split('/')
        .slice(2)
        .map((part) => pascal(part.replace(/\.tsx$/, '').replace(/\W/g, '') || 'Index'))
        .join('');
      entry = { path, kind, domain: d, exportName: unique(`${d.Plural}${route}Screen`, names) };
    } else if (kind === 'component') {
      const exportName = unique(`${d.Pascal}${random.pick(COMPONENT_SUFFIXES)}`, names);
      entry = { path: `components/${d.plural}/${exportName}.tsx`, kind, domain: d, exportName };
    } else if (kind === 'hook') {
      const exportName = unique(`use${d.Pascal}${random.pick(HOOK_SUFFIXES)}`, names);
      entry = { path: `hooks/${exportName}.ts`, kind, domain: d, exportName };
    } else if (kind === 'service') {
      const exportName = unique(`${d.singular}${random.pick(SERVICE_SUFFIXES)}`, names);
      entry = { path: `services/${d.plural}/${exportName}.ts`, kind, domain: d, exportName };
    } else if (kind === 'lib') {
      const base = random.chance(0.5) ? random.pick(LIB_NAMES) : `${d.singular}${pascal(random.pick(LIB_NAMES))}`;
      const exportName = unique(base, names);
      entry = { path: `lib/${exportName}.ts`, kind, domain: d, exportName };
    } else {
      const exportName = unique(`${random.pick(UTIL_VERBS)}${d.Pascal}`, names);
      entry = { path: `utils/${exportName}.ts`, kind, domain: d, exportName };
    }
    ordinaryFiles.push(add(entry));
  }

  for (let i = 0; i < direct; i++) {
    const variant = weighted(random, DIRECT_VARIANTS);
    const d = random.pick(DOMAINS);
    let entry;
    if (variant === 'ss-sync-render') {
      const exportName = unique(`${d.Pascal}LockBadge`, names);
      entry = { path: `components/${d.plural}/${exportName}.tsx`, kind: 'direct', variant, domain: d, exportName };
    } else if (variant === 'local-auth') {
      const exportName = unique(`unlock${d.Pascal}`, names);
      entry = { path: random.chance(0.5) ? `lib/${exportName}.ts` : `services/${d.plural}/${exportName}.ts`, kind: 'direct', variant, domain: d, exportName };
    } else if (variant.startsWith('async')) {
      const exportName = unique(`${d.singular}${variant === 'async-tokens' ? 'Session' : 'Preferences'}`, names);
      entry = { path: `services/${d.plural}/${exportName}.ts`, kind: 'direct', variant, domain: d, exportName };
    } else {
      const exportName = unique(`${d.singular}Vault`, names);
      entry = { path: random.chance(0.6) ? `services/${d.plural}/${exportName}.ts` : `lib/${exportName}.ts`, kind: 'direct', variant, domain: d, exportName };
    }
    add(entry);
  }

  for (let i = 0; i < users; i++) {
    const d = random.pick(DOMAINS);
    const wrapper = weighted(random, [
      ['secureStorage', 0.45],
      ['tokenStore', 0.35],
      ['useSecureValue', 0.2],
    ]);
    const alias = random.chance(0.5);
    let entry;
    if (wrapper === 'useSecureValue') {
      const exportName = unique(`${d.Pascal}${random.pick(['Settings', 'Security', 'Lock', 'Privacy'])}Panel`, names);
      entry = { path: `components/${d.plural}/${exportName}.tsx`, kind: 'user', wrapper, alias, domain: d, exportName };
    } else if (random.chance(0.3)) {
      const exportName = unique(`${d.Plural}${random.pick(['Sync', 'Account', 'Session'])}Screen`, names);
      entry = { path: `app/${d.plural}/${exportName.replace(/Screen$/, '').toLowerCase()}.tsx`, kind: 'user-screen', wrapper, alias, domain: d, exportName };
    } else {
      const exportName = unique(`${d.singular}${random.pick(['AuthedApi', 'SyncService', 'Credentials', 'Session'])}`, names);
      entry = { path: `services/${d.plural}/${exportName}.ts`, kind: 'user', wrapper, alias, domain: d, exportName };
    }
    add(entry);
  }
  return { files, ordinaryFiles, pools: new Map() };
}

// ---------------------------------------------------------------- code pieces

/** Per-file state: unique local names, the styles a JSX tree used, imports. */
function fileContext(random, entry, plan) {
  const taken = new Set(entry.exportName ? [entry.exportName] : []);
  return {
    random,
    entry,
    plan,
    d: entry.domain ?? DOMAINS[0],
    styles: new Map(),
    local(base) {
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
      taken.add(name);
      return name;
    },
  };
}

function importLine(cx, target, names, isDefault = false) {
  const spec = cx.random.chance(0.6) ? aliasImport(target.path) : relativeImport(cx.entry.path, target.path);
  return isDefault ? `import ${names[0]} from '${spec}';` : `import { ${names.join(', ')} } from '${spec}';`;
}

/**
 * Imports of ordinary modules of the given kinds (never a storage user, so
 * ordinary files stay out of reach of storage). Half the picks come from the
 * first modules of the pool: real apps have a few popular modules.
 */
function ordinaryImports(cx, kinds, lo, hi) {
  const key = kinds.join(',');
  let pool = cx.plan.pools.get(key);
  if (!pool) {
    pool = cx.plan.ordinaryFiles.filter((f) => kinds.includes(f.kind));
    cx.plan.pools.set(key, pool);
  }
  const used = [];
  if (pool.length === 0) return { lines: [], used };
  const count = cx.random.int(lo, hi);
  for (let i = 0; i < count * 2 && used.length < count; i++) {
    const f = cx.random.chance(0.5) ? pool[cx.random.int(0, Math.min(pool.length, 40) - 1)] : cx.random.pick(pool);
    if (f === cx.entry || used.includes(f)) continue;
    used.push(f);
    cx.local(f.exportName);
  }
  return { lines: used.map((f) => importLine(cx, f, [f.exportName])), used };
}

function typeDecl(cx, name) {
  const { random } = cx;
  const fields = [
    '  id: string;',
    `  ${random.pick(['title', 'name', 'label'])}: string;`,
    ...random.some(
      [
        '  createdAt: string;',
        '  updatedAt?: string;',
        `  status: ${random
          .some(STATUSES, 2, 4)
          .map((s) => `'${s}'`)
          .join(' | ')};`,
        '  amount: number;',
        '  currency: string;',
        '  count: number;',
        '  tags: string[];',
        '  description?: string | null;',
        '  owner: { id: string; displayName: string; avatarUrl?: string };',
        '  imageUrl?: string;',
        '  position: number;',
        '  metadata: Record<string, string | number | boolean>;',
        '  isPinned: boolean;',
        '  dueAt: string | null;',
        '  items: ReadonlyArray<{ sku: string; quantity: number }>;',
        '  rating?: 1 | 2 | 3 | 4 | 5;',
      ],
      2,
      8,
    ),
  ];
  const exported = random.chance(0.6) ? 'export ' : '';
  if (random.chance(0.7)) return [`${exported}interface ${name} {`, ...fields, '}', ''];
  return [`${exported}type ${name} = {`, ...fields, '};', ''];
}

function constantsBlock(cx) {
  const { random, d } = cx;
  const name = cx.local(
    `${d.singular.toUpperCase()}_${random.pick(['LIMITS', 'DEFAULTS', 'LABELS', 'ROUTES', 'TIMEOUTS'])}`.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
  );
  const entries = random.some(
    [
      'pageSize: 20',
      'maxRetries: 3',
      'debounceMs: 250',
      "emptyLabel: 'Nothing to show'",
      'refreshIntervalMs: 30_000',
      "dateFormat: 'yyyy-MM-dd'",
      'maxItems: 500',
      'animationMs: 180',
      `basePath: '/${d.plural}'`,
      'cacheTtlMs: 5 * 60 * 1000',
    ],
    2,
    6,
  );
  return [`const ${name} = {`, ...entries.map((e) => `  ${e},`), '} as const;', ''];
}

function helperFunction(cx, type) {
  const { random, d } = cx;
  const variant = random.int(0, 5);
  const T = type ?? 'Record<string, unknown>';
  if (variant === 0) {
    const name = cx.local(`compare${d.Plural}`);
    return [
      `function ${name}(a: ${T}, b: ${T}, direction: 'asc' | 'desc' = 'asc'): number {`,
      `  const left = String((a as { id?: unknown }).id ?? '');`,
      `  const right = String((b as { id?: unknown }).id ?? '');`,
      '  const order = left.localeCompare(right);',
      "  return direction === 'asc' ? order : -order;",
      '}',
      '',
    ];
  }
  if (variant === 1) {
    const name = cx.local(`group${d.Plural}By`);
    return [
      `function ${name}<K extends string>(rows: ${T}[], keyOf: (row: ${T}) => K): Record<K, ${T}[]> {`,
      `  const groups = {} as Record<K, ${T}[]>;`,
      '  for (const row of rows) {',
      '    const key = keyOf(row);',
      '    (groups[key] ??= []).push(row);',
      '  }',
      '  return groups;',
      '}',
      '',
    ];
  }
  if (variant === 2) {
    const name = cx.local(`describe${d.Pascal}Status`);
    const cases = random.some(STATUSES, 3, 6);
    return [
      `function ${name}(status: string): string {`,
      '  switch (status) {',
      ...cases.flatMap((s) => [`    case '${s}':`, `      return '${pascal(s)}';`]),
      '    default:',
      "      return 'Unknown';",
      '  }',
      '}',
      '',
    ];
  }
  if (variant === 3) {
    const name = cx.local(`to${d.Pascal}Summary`);
    return [
      `function ${name}(rows: ReadonlyArray<{ amount?: number; count?: number }>) {`,
      '  let total = 0;',
      '  let count = 0;',
      '  for (const row of rows) {',
      '    total += row.amount ?? 0;',
      '    count += row.count ?? 1;',
      '  }',
      `  return { total, count, average: count === 0 ? 0 : Math.round((total / count) * 100) / 100 };`,
      '}',
      '',
    ];
  }
  if (variant === 4) {
    const name = cx.local(`is${d.Pascal}`);
    return [
      `function ${name}(value: unknown): value is ${T} {`,
      "  if (typeof value !== 'object' || value === null) return false;",
      '  const candidate = value as Record<string, unknown>;',
      "  return typeof candidate.id === 'string' && candidate.id.length > 0;",
      '}',
      '',
    ];
  }
  const name = cx.local(`build${d.Pascal}Query`);
  return [
    `function ${name}(params: { cursor?: string | null; limit?: number; search?: string } = {}): string {`,
    '  const query = new URLSearchParams();',
    "  if (params.cursor) query.set('cursor', params.cursor);",
    "  if (params.search?.trim()) query.set('q', params.search.trim());",
    "  query.set('limit', String(params.limit ?? 20));",
    '  return query.toString();',
    '}',
    '',
  ];
}

function classBlock(cx) {
  const { random, d } = cx;
  const name = cx.local(`${d.Pascal}${random.pick(['Cache', 'Tracker', 'Buffer', 'Registry', 'Scheduler'])}`);
  return [
    `export class ${name}<T extends { id: string }> {`,
    '  private readonly entries = new Map<string, { value: T; storedAt: number }>();',
    '  private listeners = new Set<(ids: string[]) => void>();',
    '',
    `  constructor(private readonly ttlMs: number = ${random.pick(['60_000', '5 * 60_000', '30_000', '15 * 60 * 1000'])}) {}`,
    '',
    '  get size(): number {',
    '    return this.entries.size;',
    '  }',
    '',
    '  set(value: T): void {',
    '    this.entries.set(value.id, { value, storedAt: Date.now() });',
    '    this.emit([value.id]);',
    '  }',
    '',
    '  get(id: string): T | undefined {',
    '    const entry = this.entries.get(id);',
    '    if (!entry) return undefined;',
    '    if (Date.now() - entry.storedAt > this.ttlMs) {',
    '      this.entries.delete(id);',
    '      return undefined;',
    '    }',
    '    return entry.value;',
    '  }',
    '',
    '  subscribe(listener: (ids: string[]) => void): () => void {',
    '    this.listeners.add(listener);',
    '    return () => {',
    '      this.listeners.delete(listener);',
    '    };',
    '  }',
    '',
    '  private emit(ids: string[]): void {',
    '    for (const listener of this.listeners) listener(ids);',
    '  }',
    '}',
    '',
  ];
}

function fetchFunction(cx, type) {
  const { random, d } = cx;
  const name = cx.local(`${random.pick(['fetch', 'load', 'request', 'get'])}${d.Plural}${random.pick(['', 'Page', 'ForUser', 'Since'])}`);
  return [
    `export async function ${name}(params: { cursor?: string | null; limit?: number } = {}, signal?: AbortSignal): Promise<{ items: ${type}[]; nextCursor: string | null }> {`,
    '  const query = new URLSearchParams();',
    "  if (params.cursor) query.set('cursor', params.cursor);",
    `  query.set('limit', String(params.limit ?? ${random.pick([10, 20, 25, 50])}));`,
    `  const response = await fetch(\`\${API_URL}/${d.plural}?\${query.toString()}\`, {`,
    "    headers: { Accept: 'application/json' },",
    '    signal,',
    '  });',
    '  if (!response.ok) {',
    `    throw new Error(\`${d.Plural} request failed: \${response.status}\`);`,
    '  }',
    `  const body = (await response.json()) as { data: ${type}[]; next?: string | null };`,
    '  return { items: body.data, nextCursor: body.next ?? null };',
    '}',
    '',
  ];
}

function mutationFunction(cx, type) {
  const { random, d } = cx;
  const verb = random.pick(['update', 'create', 'archive', 'remove', 'duplicate']);
  const name = cx.local(`${verb}${d.Pascal}`);
  return [
    `export async function ${name}(id: string, patch: Partial<${type}> = {}): Promise<${type}> {`,
    '  let attempt = 0;',
    '  for (;;) {',
    '    try {',
    `      const response = await fetch(\`\${API_URL}/${d.plural}/\${encodeURIComponent(id)}${verb === 'update' || verb === 'create' ? '' : `/${verb}`}\`, {`,
    `        method: '${verb === 'remove' ? 'DELETE' : verb === 'update' ? 'PATCH' : 'POST'}',`,
    "        headers: { 'Content-Type': 'application/json' },",
    '        body: JSON.stringify(patch),',
    '      });',
    `      if (!response.ok) throw new Error(\`${verb} failed with \${response.status}\`);`,
    `      return (await response.json()) as ${type};`,
    '    } catch (error) {',
    `      attempt += 1;`,
    `      if (attempt >= ${random.int(2, 4)}) throw error;`,
    '      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));',
    '    }',
    '  }',
    '}',
    '',
  ];
}

function mapperFunction(cx, type) {
  const { d } = cx;
  const name = cx.local(`to${d.Pascal}`);
  return [
    `export function ${name}(raw: Record<string, unknown>): ${type} {`,
    '  return {',
    "    id: String(raw.id ?? ''),",
    "    title: typeof raw.title === 'string' ? raw.title : '',",
    "    createdAt: typeof raw.created_at === 'string' ? raw.created_at : new Date(0).toISOString(),",
    "    amount: typeof raw.amount === 'number' ? raw.amount : Number(raw.amount ?? 0),",
    '    tags: Array.isArray(raw.tags) ? raw.tags.map(String) : [],',
    `  } as unknown as ${type};`,
    '}',
    '',
  ];
}

function reducerBlock(cx, type) {
  const { d } = cx;
  const state = cx.local(`${d.Pascal}State`);
  const action = cx.local(`${d.Pascal}Action`);
  const name = cx.local(`${d.singular}Reducer`);
  return [
    `type ${state} = { items: ${type}[]; selected: string | null; loading: boolean; error: string | null };`,
    '',
    `type ${action} =`,
    `  | { type: 'loaded'; items: ${type}[] }`,
    "  | { type: 'select'; id: string | null }",
    "  | { type: 'failed'; message: string }",
    "  | { type: 'reset' };",
    '',
    `export function ${name}(state: ${state}, action: ${action}): ${state} {`,
    '  switch (action.type) {',
    "    case 'loaded':",
    '      return { ...state, items: action.items, loading: false, error: null };',
    "    case 'select':",
    '      return { ...state, selected: action.id };',
    "    case 'failed':",
    '      return { ...state, loading: false, error: action.message };',
    "    case 'reset':",
    '      return { items: [], selected: null, loading: false, error: null };',
    '    default:',
    '      return state;',
    '  }',
    '}',
    '',
  ];
}

function utilFunctions(cx) {
  const { random, d } = cx;
  const variant = random.int(0, 3);
  if (variant === 0) {
    const name = cx.local(`format${d.Pascal}Amount`);
    return [
      `export function ${name}(amount: number, currency = 'USD', locale = 'en-US'): string {`,
      "  if (!Number.isFinite(amount)) return '—';",
      "  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);",
      '}',
      '',
    ];
  }
  if (variant === 1) {
    const name = cx.local(`relative${d.Pascal}Time`);
    return [
      `export function ${name}(iso: string, now: Date = new Date()): string {`,
      '  const diff = now.getTime() - new Date(iso).getTime();',
      '  const minutes = Math.round(diff / 60_000);',
      "  if (minutes < 1) return 'just now';",
      '  if (minutes < 60) return `${minutes} min ago`;',
      '  const hours = Math.round(minutes / 60);',
      '  if (hours < 24) return `${hours} h ago`;',
      '  const days = Math.round(hours / 24);',
      "  return days === 1 ? 'yesterday' : `${days} days ago`;",
      '}',
      '',
    ];
  }
  if (variant === 2) {
    const name = cx.local(`slugify${d.Pascal}`);
    return [
      `export function ${name}(input: string, maxLength = ${random.pick([32, 48, 64])}): string {`,
      '  return input',
      "    .normalize('NFKD')",
      "    .replace(/[\\u0300-\\u036f]/g, '')",
      '    .toLowerCase()',
      "    .replace(/[^a-z0-9]+/g, '-')",
      "    .replace(/^-+|-+$/g, '')",
      '    .slice(0, maxLength);',
      '}',
      '',
    ];
  }
  const name = cx.local(`chunk${d.Plural}`);
  return [
    `export function ${name}<T>(items: readonly T[], size: number): T[][] {`,
    "  if (size <= 0) throw new RangeError('size must be positive');",
    '  const chunks: T[][] = [];',
    '  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));',
    '  return chunks;',
    '}',
    '',
  ];
}

// ---------------------------------------------------------------- JSX

const STYLE_PROPS = [
  'flex: 1',
  "flexDirection: 'row'",
  "alignItems: 'center'",
  "justifyContent: 'space-between'",
  'padding: 16',
  'paddingHorizontal: 16',
  'paddingVertical: 12',
  'marginTop: 8',
  'marginBottom: 12',
  'gap: 8',
  'borderRadius: 12',
  'borderWidth: StyleSheet.hairlineWidth',
  'fontSize: 16',
  'fontSize: 13',
  "fontWeight: '600'",
  'lineHeight: 20',
  'opacity: 0.6',
  'minHeight: 44',
  'width: 40',
  'height: 40',
  "overflow: 'hidden'",
  "textAlign: 'center'",
];

function styleRef(cx, base) {
  const key = base;
  if (!cx.styles.has(key)) {
    const props = cx.random.some(STYLE_PROPS, 1, 4);
    if (cx.random.chance(0.6)) props.push(`${cx.random.pick(['color', 'backgroundColor', 'borderColor'])}: '${cx.random.pick(COLORS)}'`);
    cx.styles.set(key, props);
  }
  return `styles.${key}`;
}

function stylesBlock(cx) {
  if (cx.styles.size === 0) styleRef(cx, 'container');
  const lines = ['const styles = StyleSheet.create({'];
  for (const [key, props] of cx.styles) {
    if (props.length <= 3) lines.push(`  ${key}: { ${props.join(', ')} },`);
    else lines.push(`  ${key}: {`, ...props.map((p) => `    ${p},`), '  },');
  }
  lines.push('});', '');
  return lines;
}

/** A JSX element tree of about `budget` lines, indented by `pad`. */
function jsxTree(cx, scope, budget, pad, depth = 0) {
  const { random } = cx;
  const out = [];
  const styleKeys = [
    'row',
    'title',
    'subtitle',
    'meta',
    'card',
    'section',
    'header',
    'footer',
    'badge',
    'button',
    'buttonLabel',
    'icon',
    'divider',
    'chip',
    'caption',
    'avatar',
    'empty',
    'value',
    'label',
    'actions',
  ];
  while (out.length < budget) {
    const choice = depth > 3 ? random.int(0, 2) : random.int(0, 8);
    const key = random.pick(styleKeys);
    const s = { toString: () => styleRef(cx, key) };
    if (choice === 0) {
      out.push(`${pad}<Text style={${s}}>${random.pick(WORDS)}</Text>`);
    } else if (choice === 1) {
      out.push(`${pad}<Text style={${s}} numberOfLines={${random.int(1, 3)}}>`, `${pad}  {${random.pick(scope.strings)}}`, `${pad}</Text>`);
    } else if (choice === 2 && scope.components.length > 0) {
      const c = random.pick(scope.components);
      out.push(`${pad}<${c}`, `${pad}  title={${random.pick(scope.strings)}}`, `${pad}  onPress={${random.pick(scope.handlers)}}`, `${pad}/>`);
    } else if (choice === 3) {
      out.push(`${pad}<View style={${s}}>`, ...jsxTree(cx, scope, random.int(2, 6), `${pad}  `, depth + 1), `${pad}</View>`);
    } else if (choice === 4) {
      out.push(
        `${pad}<Pressable`,
        `${pad}  onPress={${random.pick(scope.handlers)}}`,
        `${pad}  style={({ pressed }) => [${s}, pressed && ${styleRef(cx, 'pressed')}]}`,
        `${pad}  accessibilityRole="button"`,
        `${pad}>`,
        ...jsxTree(cx, scope, random.int(1, 3), `${pad}  `, depth + 1),
        `${pad}</Pressable>`,
      );
    } else if (choice === 5) {
      out.push(
        `${pad}{${random.pick(scope.flags)} && (`,
        `${pad}  <View style={${s}}>`,
        ...jsxTree(cx, scope, random.int(1, 4), `${pad}    `, depth + 2),
        `${pad}  </View>`,
        `${pad})}`,
      );
    } else if (choice === 6) {
      out.push(
        `${pad}{${random.pick(scope.flags)} ? (`,
        `${pad}  <ActivityIndicator size="small" />`,
        `${pad}) : (`,
        `${pad}  <Text style={${s}}>{${random.pick(scope.strings)}}</Text>`,
        `${pad})}`,
      );
    } else if (choice === 7) {
      out.push(
        `${pad}{${scope.list}.slice(0, ${random.int(3, 10)}).map((item) => (`,
        `${pad}  <View key={item.id} style={${s}}>`,
        `${pad}    <Text style={${styleRef(cx, 'itemTitle')}}>{item.id}</Text>`,
        ...jsxTree(cx, { ...scope, strings: [...scope.strings, 'item.id'] }, random.int(0, 3), `${pad}    `, depth + 2),
        `${pad}  </View>`,
        `${pad}))}`,
      );
    } else {
      out.push(`${pad}<Image source={{ uri: ${random.pick(scope.strings)} }} style={${styleRef(cx, 'image')}} resizeMode="cover" />`);
    }
  }
  return out;
}

/** A function component with state, effects, handlers and a JSX tree. */
function componentBlock(cx, { name, exportKind, components, type, extraHooks = [], extraBody = [], target }) {
  const { random, d } = cx;
  const propsName = cx.local(`${name}Props`);
  const props = [
    `${exportKind === 'export default' ? '' : 'export '}interface ${propsName} {`,
    '  title?: string;',
    '  subtitle?: string;',
    `  items?: ${type}[];`,
    '  onSelect?: (id: string) => void;',
    '}',
    '',
  ];
  const head = `${exportKind ? `${exportKind} ` : ''}function ${name}({ title = '${pascal(d.plural)}', subtitle = '', items = [], onSelect }: ${propsName}) {`;
  if (target < 110) {
    // Small presentational component: a flag, a handler and a short tree.
    const scope = { flags: ['expanded', 'isEmpty'], strings: ['title', 'subtitle'], handlers: ['toggleExpanded', 'onPressFirst'], components, list: 'items' };
    return [
      ...props,
      head,
      '  const [expanded, setExpanded] = useState(false);',
      '  const isEmpty = items.length === 0;',
      '  const toggleExpanded = useCallback(() => setExpanded((value) => !value), []);',
      '  const onPressFirst = useCallback(() => {',
      '    if (items[0]) onSelect?.(items[0].id);',
      '  }, [items, onSelect]);',
      ...extraHooks,
      ...extraBody,
      '',
      '  return (',
      `    <View style={${styleRef(cx, 'container')}}>`,
      ...jsxTree(cx, scope, Math.max(4, target - 45), '      '),
      '    </View>',
      '  );',
      '}',
      '',
    ];
  }
  const flags = ['loading', 'refreshing', 'expanded', 'isEmpty'];
  const strings = ['title', 'subtitle', 'formatted', 'query'];
  const handlers = ['onRefresh', 'toggleExpanded', 'onSubmit', 'onClear'];
  const body = [
    head,
    "  const [query, setQuery] = useState('');",
    '  const [expanded, setExpanded] = useState(false);',
    '  const [refreshing, setRefreshing] = useState(false);',
    `  const [loading, setLoading] = useState(${random.pick(['true', 'false'])});`,
    ...extraHooks,
    `  const filtered = useMemo(`,
    '    () => items.filter((item) => item.id.toLowerCase().includes(query.trim().toLowerCase())),',
    '    [items, query],',
    '  );',
    '  const isEmpty = filtered.length === 0;',
    `  const formatted = useMemo(() => \`\${filtered.length} of \${items.length}\`, [filtered.length, items.length]);`,
    '',
    '  useEffect(() => {',
    '    let cancelled = false;',
    `    const timer = setTimeout(() => {`,
    '      if (!cancelled) setLoading(false);',
    `    }, ${random.pick([0, 150, 300, 500])});`,
    '    return () => {',
    '      cancelled = true;',
    '      clearTimeout(timer);',
    '    };',
    '  }, [query]);',
    '',
    '  const onRefresh = useCallback(async () => {',
    '    setRefreshing(true);',
    '    try {',
    '      await new Promise((resolve) => setTimeout(resolve, 250));',
    '    } finally {',
    '      setRefreshing(false);',
    '    }',
    '  }, []);',
    '',
    '  const toggleExpanded = useCallback(() => setExpanded((value) => !value), []);',
    "  const onClear = useCallback(() => setQuery(''), []);",
    '  const onSubmit = useCallback(() => {',
    '    const first = filtered[0];',
    '    if (first) onSelect?.(first.id);',
    '  }, [filtered, onSelect]);',
    ...extraBody,
    '',
  ];
  const fixed = body.length + 30;
  const jsxBudget = Math.max(6, Math.min(160, target - fixed));
  const scope = { flags, strings, handlers, components, list: 'filtered' };
  body.push(
    '  if (loading && items.length === 0) {',
    '    return (',
    `      <View style={${styleRef(cx, 'centered')}}>`,
    '        <ActivityIndicator size="large" />',
    '      </View>',
    '    );',
    '  }',
    '',
    '  return (',
    `    <View style={${styleRef(cx, 'container')}}>`,
    `      <TextInput value={query} onChangeText={setQuery} placeholder="Search ${d.plural}" style={${styleRef(cx, 'search')}} />`,
    ...jsxTree(cx, scope, Math.floor(jsxBudget / 2), '      '),
    '      <FlatList',
    '        data={filtered}',
    '        keyExtractor={(item) => item.id}',
    '        refreshControl={<RefreshControl refreshing={refreshing} onRefresh={onRefresh} />}',
    `        ListEmptyComponent={<Text style={${styleRef(cx, 'empty')}}>${random.pick(WORDS)}</Text>}`,
    '        renderItem={({ item }) => (',
    `          <Pressable onPress={() => onSelect?.(item.id)} style={${styleRef(cx, 'row')}}>`,
    ...jsxTree(cx, { ...scope, strings: [...strings, 'item.id'] }, Math.ceil(jsxBudget / 4), '            ', 2),
    '          </Pressable>',
    '        )}',
    '      />',
    ...jsxTree(cx, scope, Math.ceil(jsxBudget / 4), '      '),
    '    </View>',
    '  );',
    '}',
    '',
  );
  return [...props, ...body];
}

const RN_IMPORT = "import { ActivityIndicator, FlatList, Image, Pressable, RefreshControl, StyleSheet, Text, TextInput, View } from 'react-native';";

function sizeTarget(random) {
  return Math.round(Math.min(1400, Math.max(30, random.lognormal(120, 0.72))));
}

/** Fills `out` with helper sections until it reaches `target` lines (sections drawn from `pool`). */
function fill(cx, out, target, pool) {
  let guard = 0;
  while (out.length < target && guard++ < 200) out.push(...cx.random.pick(pool)());
}

// ---------------------------------------------------------------- file kinds

function screenFile(cx, target) {
  const { d, entry } = cx;
  const imports = ordinaryImports(cx, ['component'], 1, 4);
  const hooks = ordinaryImports(cx, ['hook'], 0, 2);
  const utils = ordinaryImports(cx, ['util', 'lib'], 0, 3);
  const type = cx.local(`${d.Pascal}Row`);
  const head = [
    "import { useCallback, useEffect, useMemo, useState } from 'react';",
    RN_IMPORT,
    "import { Stack, useLocalSearchParams, useRouter } from 'expo-router';",
    ...imports.lines,
    ...hooks.lines,
    ...utils.lines,
    '',
    ...typeDecl(cx, type),
  ];
  const sections = [];
  fill(cx, sections, Math.max(0, target - 150), [
    () => helperFunction(cx, type),
    () => constantsBlock(cx),
    () => reducerBlock(cx, type),
    () => helperFunction(cx, type),
  ]);
  const extraHooks = [
    '  const router = useRouter();',
    '  const params = useLocalSearchParams<{ id?: string }>();',
    ...hooks.used.map(
      (h) => `  const ${cx.local(`${h.exportName.replace(/^use/, '').replace(/^./, (c) => c.toLowerCase())}State`)} = ${h.exportName}({ id: params.id });`,
    ),
  ];
  const extraBody = [
    '',
    '  const openDetails = useCallback(',
    `    (id: string) => router.push({ pathname: '/${d.plural}/[id]', params: { id } }),`,
    '    [router],',
    '  );',
    ...utils.used
      .slice(0, 2)
      .map((u) =>
        u.kind === 'util'
          ? `  const ${cx.local(`${u.exportName}Label`)} = useMemo(() => ${u.exportName}(title), [title]);`
          : `  const ${cx.local(`${u.exportName}Module`)} = ${u.exportName};`,
      ),
  ];
  const component = componentBlock(cx, {
    name: entry.exportName,
    exportKind: 'export default',
    components: imports.used.map((c) => c.exportName),
    type,
    extraHooks,
    extraBody,
    target: Math.max(60, target - head.length - sections.length - 20),
  });
  const withStack = component.map((line) => line.replace(/^(\s*)<TextInput /, `$1<Stack.Screen options={{ title: '${pascal(d.plural)}' }} />\n$1<TextInput `));
  return [...head, ...sections, ...withStack, ...stylesBlock(cx)];
}

function componentFile(cx, target) {
  const { d, entry } = cx;
  const imports = ordinaryImports(cx, ['component'], 0, 2);
  const utils = ordinaryImports(cx, ['util'], 0, 2);
  const type = cx.local(`${d.Pascal}Item`);
  const head = [
    "import { memo, useCallback, useEffect, useMemo, useState } from 'react';",
    RN_IMPORT,
    ...imports.lines,
    ...utils.lines,
    '',
    ...typeDecl(cx, type),
  ];
  const sections = [];
  fill(cx, sections, Math.max(0, target - 130), [() => helperFunction(cx, type), () => constantsBlock(cx)]);
  const component = componentBlock(cx, {
    name: `${entry.exportName}Inner`,
    exportKind: '',
    components: imports.used.map((c) => c.exportName),
    type,
    target: Math.max(50, target - head.length - sections.length - 20),
  });
  return [...head, ...sections, ...component, `export const ${entry.exportName} = memo(${entry.exportName}Inner);`, '', ...stylesBlock(cx)];
}

function hookFile(cx, target) {
  const { random, d, entry } = cx;
  const services = ordinaryImports(cx, ['service', 'util', 'lib'], 0, 3);
  const type = cx.local(`${d.Pascal}`);
  const head = [
    "import { useCallback, useEffect, useReducer, useRef, useState } from 'react';",
    ...services.lines,
    '',
    `const API_URL = process.env.EXPO_PUBLIC_API_URL ?? 'https://api.example.com';`,
    '',
    ...typeDecl(cx, type),
  ];
  const sections = [];
  fill(cx, sections, Math.max(0, target - 60), [() => reducerBlock(cx, type), () => helperFunction(cx, type), () => fetchFunction(cx, type)]);
  const hook = [
    `export function ${entry.exportName}(options: { id?: string; enabled?: boolean; pollMs?: number } = {}) {`,
    `  const [data, setData] = useState<${type}[] | null>(null);`,
    '  const [error, setError] = useState<Error | null>(null);',
    '  const [loading, setLoading] = useState(false);',
    '  const controller = useRef<AbortController | null>(null);',
    '',
    '  const refresh = useCallback(async () => {',
    '    controller.current?.abort();',
    '    const current = new AbortController();',
    '    controller.current = current;',
    '    setLoading(true);',
    '    try {',
    `      const response = await fetch(\`\${API_URL}/${d.plural}\${options.id ? \`/\${options.id}\` : ''}\`, { signal: current.signal });`,
    `      if (!response.ok) throw new Error(\`HTTP \${response.status}\`);`,
    `      setData((await response.json()) as ${type}[]);`,
    '      setError(null);',
    '    } catch (caught) {',
    "      if ((caught as Error).name !== 'AbortError') setError(caught as Error);",
    '    } finally {',
    '      setLoading(false);',
    '    }',
    '  }, [options.id]);',
    '',
    '  useEffect(() => {',
    '    if (options.enabled === false) return undefined;',
    '    void refresh();',
    '    if (!options.pollMs) return () => controller.current?.abort();',
    '    const interval = setInterval(() => void refresh(), options.pollMs);',
    '    return () => {',
    '      clearInterval(interval);',
    '      controller.current?.abort();',
    '    };',
    '  }, [options.enabled, options.pollMs, refresh]);',
    '',
    ...services.used.slice(0, 1).map((s) => `  const helper = useRef(${s.exportName});`),
    `  return { data, error, loading, refresh${random.chance(0.5) ? ', isEmpty: (data?.length ?? 0) === 0' : ''} };`,
    '}',
    '',
  ];
  return [...head, ...sections, ...hook];
}

function serviceFile(cx, target) {
  const { d, entry } = cx;
  const imports = ordinaryImports(cx, ['lib', 'util'], 0, 3);
  const type = cx.local(`${d.Pascal}Dto`);
  const head = [
    ...imports.lines,
    imports.lines.length ? '' : null,
    `const API_URL = process.env.EXPO_PUBLIC_API_URL ?? 'https://api.example.com';`,
    '',
    ...typeDecl(cx, type),
  ].filter((l) => l !== null);
  const sections = [];
  fill(cx, sections, target - 12, [
    () => fetchFunction(cx, type),
    () => mutationFunction(cx, type),
    () => mapperFunction(cx, type),
    () => helperFunction(cx, type),
    () => classBlock(cx),
  ]);
  const exported = sections.filter((l) => /^export (async )?function /.test(l)).map((l) => l.match(/function (\w+)/)[1]);
  return [...head, ...sections, `export const ${entry.exportName} = {`, ...exported.map((n) => `  ${n},`), '  baseUrl: API_URL,', '};', ''];
}

function libFile(cx, target) {
  const { entry } = cx;
  const imports = ordinaryImports(cx, ['util'], 0, 2);
  const head = [...imports.lines, ''];
  const sections = [];
  fill(cx, sections, target - 8, [() => classBlock(cx), () => utilFunctions(cx), () => helperFunction(cx), () => constantsBlock(cx)]);
  const exported = sections.filter((l) => /^export (async )?(function|class) /.test(l)).map((l) => l.match(/(?:function|class) (\w+)/)[1]);
  return [...head, ...sections, `export const ${entry.exportName} = {`, ...exported.map((n) => `  ${n},`), `  createdAt: Date.now(),`, '};', ''];
}

function utilFile(cx, target) {
  const { entry } = cx;
  const sections = [];
  fill(cx, sections, target - 6, [() => utilFunctions(cx), () => helperFunction(cx), () => utilFunctions(cx)]);
  const exported = sections.filter((l) => /^export function /.test(l)).map((l) => l.match(/function (\w+)/)[1]);
  return [
    ...sections,
    `export function ${entry.exportName}(value: unknown): string {`,
    "  if (value === null || value === undefined) return '';",
    '  return String(value).trim();',
    '}',
    '',
    `export const ${entry.exportName}Helpers = { ${exported.join(', ')} };`,
    '',
  ];
}

// ---------------------------------------------------------------- storage

function keyFor(cx, word) {
  return `${cx.d.plural}.${cx.random.pick(['', 'v2.', 'user.'])}${word}`;
}

function directFile(cx, target) {
  const { random, d, entry } = cx;
  const utils = ordinaryImports(cx, ['util', 'lib'], 0, 2);
  const header = random.chance(0.6) ? [`// SecureStore prefix: ${d.plural}.*`] : [];
  const filler = () => {
    const sections = [];
    fill(cx, sections, Math.max(0, target - 70), [() => helperFunction(cx), () => utilFunctions(cx), () => constantsBlock(cx)]);
    return sections;
  };
  const tokenWord = random.pick(['accessToken', 'refreshToken', 'sessionToken', 'apiKey', 'pinCode', 'syncCursor', 'deviceId', 'lastOpened']);
  const key = keyFor(cx, tokenWord);
  const P = pascal(tokenWord);
  switch (entry.variant) {
    case 'ss-namespace-options': {
      const name = cx.local(random.pick(['SecureStore', 'SecureStore', 'Keychain']));
      const accessible = random.chance(0.7) ? 'WHEN_UNLOCKED_THIS_DEVICE_ONLY' : 'AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY';
      return [
        ...header,
        `import * as ${name} from 'expo-secure-store';`,
        ...utils.lines,
        '',
        `const ${d.singular.toUpperCase()}_KEY = '${key}';`,
        `const OPTIONS: ${name}.SecureStoreOptions = { keychainAccessible: ${name}.${accessible} };`,
        '',
        ...filler(),
        `export async function save${d.Pascal}${P}(value: string): Promise<void> {`,
        `  await ${name}.setItemAsync(${d.singular.toUpperCase()}_KEY, value, OPTIONS);`,
        '}',
        '',
        `export async function read${d.Pascal}${P}(): Promise<string | null> {`,
        `  return ${name}.getItemAsync(${d.singular.toUpperCase()}_KEY, OPTIONS);`,
        '}',
        '',
        `export async function clear${d.Pascal}${P}(): Promise<void> {`,
        `  await ${name}.deleteItemAsync(${d.singular.toUpperCase()}_KEY, OPTIONS);`,
        '}',
        '',
        `export const ${entry.exportName} = { save: save${d.Pascal}${P}, read: read${d.Pascal}${P}, clear: clear${d.Pascal}${P} };`,
        '',
      ];
    }
    case 'ss-named-no-options':
      return [
        ...header,
        "import { deleteItemAsync, getItemAsync, setItemAsync } from 'expo-secure-store';",
        ...utils.lines,
        '',
        ...filler(),
        `export async function remember${d.Pascal}${P}(value: string): Promise<void> {`,
        `  await setItemAsync('${key}', value);`,
        '}',
        '',
        `export async function recall${d.Pascal}${P}(): Promise<string | null> {`,
        `  const stored = await getItemAsync('${key}');`,
        '  return stored && stored.length > 0 ? stored : null;',
        '}',
        '',
        `export async function forget${d.Pascal}${P}(): Promise<void> {`,
        `  await deleteItemAsync('${key}');`,
        '}',
        '',
        `export const ${entry.exportName} = { remember: remember${d.Pascal}${P}, recall: recall${d.Pascal}${P}, forget: forget${d.Pascal}${P} };`,
        '',
      ];
    case 'ss-sync-render': {
      const named = random.chance(0.4);
      const read = named ? 'getItem' : 'SecureStore.getItem';
      const onboardingKey = keyFor(cx, 'lockEnabled');
      return [
        ...header,
        "import { useMemo } from 'react';",
        "import { StyleSheet, Text, View } from 'react-native';",
        named ? "import { getItem, setItemAsync } from 'expo-secure-store';" : "import * as SecureStore from 'expo-secure-store';",
        ...utils.lines,
        '',
        ...filler(),
        `export function ${entry.exportName}({ label = 'Locked' }: { label?: string }) {`,
        `  const enabled = ${read}('${onboardingKey}') === 'true';`,
        "  const text = useMemo(() => (enabled ? label : 'Unlocked'), [enabled, label]);",
        '  return (',
        `    <View style={${styleRef(cx, 'container')}}>`,
        `      <Text style={${styleRef(cx, 'label')}}>{text}</Text>`,
        '    </View>',
        '  );',
        '}',
        '',
        `export async function set${d.Pascal}LockEnabled(enabled: boolean): Promise<void> {`,
        `  await ${named ? 'setItemAsync' : 'SecureStore.setItemAsync'}('${onboardingKey}', String(enabled)${named ? '' : ', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }'});`,
        '}',
        '',
        ...stylesBlock(cx),
      ];
    }
    case 'async-tokens':
      return [
        "import AsyncStorage from '@react-native-async-storage/async-storage';",
        ...utils.lines,
        '',
        ...filler(),
        `export async function persist${d.Pascal}Session(session: { accessToken: string; refreshToken: string; userId: string }): Promise<void> {`,
        `  await AsyncStorage.setItem('${d.plural}.accessToken', session.accessToken);`,
        `  await AsyncStorage.setItem('${d.plural}.refreshToken', session.refreshToken);`,
        `  await AsyncStorage.setItem('${d.plural}.userId', session.userId);`,
        '}',
        '',
        `export async function restore${d.Pascal}Session() {`,
        `  const [accessToken, refreshToken] = await Promise.all([AsyncStorage.getItem('${d.plural}.accessToken'), AsyncStorage.getItem('${d.plural}.refreshToken')]);`,
        '  return accessToken && refreshToken ? { accessToken, refreshToken } : null;',
        '}',
        '',
        `export const ${entry.exportName} = { persist: persist${d.Pascal}Session, restore: restore${d.Pascal}Session };`,
        '',
      ];
    case 'async-settings':
      return [
        "import AsyncStorage from '@react-native-async-storage/async-storage';",
        ...utils.lines,
        '',
        `const SETTINGS_KEY = '${d.plural}.settings';`,
        '',
        ...filler(),
        `export interface ${d.Pascal}Settings {`,
        "  sort: 'newest' | 'oldest';",
        '  compact: boolean;',
        '  lastOpenedAt: string | null;',
        '}',
        '',
        `export async function load${d.Pascal}Settings(): Promise<${d.Pascal}Settings> {`,
        '  const raw = await AsyncStorage.getItem(SETTINGS_KEY);',
        "  if (!raw) return { sort: 'newest', compact: false, lastOpenedAt: null };",
        '  try {',
        `    return JSON.parse(raw) as ${d.Pascal}Settings;`,
        '  } catch {',
        '    await AsyncStorage.removeItem(SETTINGS_KEY);',
        "    return { sort: 'newest', compact: false, lastOpenedAt: null };",
        '  }',
        '}',
        '',
        `export async function save${d.Pascal}Settings(settings: ${d.Pascal}Settings): Promise<void> {`,
        '  await AsyncStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));',
        '}',
        '',
        `export const ${entry.exportName} = { load: load${d.Pascal}Settings, save: save${d.Pascal}Settings };`,
        '',
      ];
    default: {
      // local-auth: a biometric gate in front of a keychain read. One in three
      // reads before the gate (a finding); the others read only after it
      // succeeded, half of them with the OS prompt on top.
      const readFirst = random.chance(0.33);
      const secretKey = keyFor(cx, random.pick(['mnemonic', 'privateKey', 'pinCode', 'refreshToken']));
      const options =
        !readFirst && random.chance(0.5)
          ? '{ keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY, requireAuthentication: true }'
          : '{ keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }';
      const read = `SecureStore.getItemAsync('${secretKey}', ${options})`;
      return [
        `// SecureStore prefix: ${d.plural}.*`,
        "import * as LocalAuthentication from 'expo-local-authentication';",
        "import * as SecureStore from 'expo-secure-store';",
        ...utils.lines,
        '',
        ...filler(),
        `export async function ${entry.exportName}(reason = 'Unlock ${d.plural}'): Promise<string | null> {`,
        ...(readFirst ? [`  const secret = await ${read};`] : []),
        '  const [hasHardware, enrolled] = await Promise.all([LocalAuthentication.hasHardwareAsync(), LocalAuthentication.isEnrolledAsync()]);',
        '  if (!hasHardware || !enrolled) return null;',
        "  const result = await LocalAuthentication.authenticateAsync({ promptMessage: reason, fallbackLabel: 'Use passcode' });",
        '  if (!result.success) return null;',
        readFirst ? '  return secret;' : `  return ${read};`,
        '}',
        '',
        `export async function store${d.Pascal}Secret(value: string): Promise<void> {`,
        `  await SecureStore.setItemAsync('${secretKey}', value, ${options});`,
        '}',
        '',
        `export async function remove${d.Pascal}Secret(): Promise<void> {`,
        `  await SecureStore.deleteItemAsync('${secretKey}', ${options});`,
        '}',
        '',
      ];
    }
  }
}

function wrapperFile(kind) {
  if (kind === 'wrapper-secureStorage') {
    return [
      '// One place for keychain options: every secret the app keeps goes through here.',
      "import * as SecureStore from 'expo-secure-store';",
      '',
      'const OPTIONS: SecureStore.SecureStoreOptions = {',
      '  keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY,',
      '};',
      '',
      'export async function saveSecret(key: string, value: string): Promise<void> {',
      '  await SecureStore.setItemAsync(key, value, OPTIONS);',
      '}',
      '',
      'export async function getSecret(key: string): Promise<string | null> {',
      '  return SecureStore.getItemAsync(key, OPTIONS);',
      '}',
      '',
      'export async function deleteSecret(key: string): Promise<void> {',
      '  await SecureStore.deleteItemAsync(key, OPTIONS);',
      '}',
      '',
    ];
  }
  if (kind === 'wrapper-tokenStore') {
    return [
      "import { deleteSecret, getSecret, saveSecret } from '@/lib/secureStorage';",
      '',
      "const ACCESS_KEY = 'auth.accessToken';",
      "const REFRESH_KEY = 'auth.refreshToken';",
      '',
      'class TokenStore {',
      '  private cached: string | null = null;',
      '',
      '  async getAccessToken(): Promise<string | null> {',
      '    if (this.cached) return this.cached;',
      '    this.cached = await getSecret(ACCESS_KEY);',
      '    return this.cached;',
      '  }',
      '',
      '  async getRefreshToken(): Promise<string | null> {',
      '    return getSecret(REFRESH_KEY);',
      '  }',
      '',
      '  async setTokens(access: string, refresh: string): Promise<void> {',
      '    this.cached = access;',
      '    await saveSecret(ACCESS_KEY, access);',
      '    await saveSecret(REFRESH_KEY, refresh);',
      '  }',
      '',
      '  async clear(): Promise<void> {',
      '    this.cached = null;',
      '    await deleteSecret(ACCESS_KEY);',
      '    await deleteSecret(REFRESH_KEY);',
      '  }',
      '}',
      '',
      'export const tokenStore = new TokenStore();',
      '',
    ];
  }
  return [
    "import { useCallback, useEffect, useState } from 'react';",
    "import { deleteSecret, getSecret, saveSecret } from '../lib/secureStorage';",
    '',
    'export function useSecureValue(key: string) {',
    '  const [value, setValue] = useState<string | null>(null);',
    '  const [ready, setReady] = useState(false);',
    '',
    '  useEffect(() => {',
    '    let active = true;',
    '    void getSecret(key).then((stored) => {',
    '      if (!active) return;',
    '      setValue(stored);',
    '      setReady(true);',
    '    });',
    '    return () => {',
    '      active = false;',
    '    };',
    '  }, [key]);',
    '',
    '  const update = useCallback(',
    '    async (next: string | null) => {',
    '      setValue(next);',
    '      if (next === null) await deleteSecret(key);',
    '      else await saveSecret(key, next);',
    '    },',
    '    [key],',
    '  );',
    '',
    '  return { value, ready, update };',
    '}',
    '',
  ];
}

function wrapperImport(cx) {
  const { entry } = cx;
  const target = WRAPPERS[entry.wrapper];
  const spec = entry.alias ? aliasImport(target.path) : relativeImport(entry.path, target.path);
  return `import { ${target.names.join(', ')} } from '${spec}';`;
}

function userFile(cx, target) {
  const { random, d, entry } = cx;
  const key = keyFor(cx, random.pick(['syncCursor', 'draftId', 'passcode', 'lastAccount', 'sessionToken', 'exportKey']));
  if (entry.wrapper === 'useSecureValue') {
    const file = componentFile(cx, Math.max(60, target - 20));
    const at = file.findIndex((l) => l.startsWith('import') && l.includes("from 'react-native'"));
    file.splice(at + 1, 0, wrapperImport(cx));
    const body = file.findIndex((l) => l.includes("const [query, setQuery] = useState('');"));
    file.splice(
      body + 1,
      0,
      `  const stored = useSecureValue('${key}');`,
      '  const hasStored = stored.ready && stored.value !== null;',
      '  useEffect(() => {',
      '    if (expanded && !hasStored) void stored.update(new Date().toISOString());',
      '  }, [expanded, hasStored, stored]);',
    );
    return file;
  }
  const call =
    entry.wrapper === 'tokenStore'
      ? [
          `export async function authorized${d.Pascal}Fetch(path: string, init: RequestInit = {}): Promise<Response> {`,
          '  const token = await tokenStore.getAccessToken();',
          '  const headers = new Headers(init.headers);',
          "  if (token) headers.set('Authorization', `Bearer ${token}`);",
          `  const response = await fetch(\`\${API_URL}\${path}\`, { ...init, headers });`,
          '  if (response.status === 401) {',
          '    await tokenStore.clear();',
          '  }',
          '  return response;',
          '}',
          '',
        ]
      : [
          `export async function remember${d.Pascal}Key(value: string): Promise<void> {`,
          `  await saveSecret('${key}', value);`,
          '}',
          '',
          `export async function recall${d.Pascal}Key(): Promise<string | null> {`,
          `  return getSecret('${key}');`,
          '}',
          '',
          `export async function forget${d.Pascal}Key(): Promise<void> {`,
          `  await deleteSecret('${key}');`,
          '}',
          '',
        ];
  if (entry.kind === 'user-screen') {
    const file = screenFile(cx, Math.max(80, target - call.length));
    const at = file.findIndex((l) => l.startsWith('import { Stack'));
    file.splice(at + 1, 0, wrapperImport(cx));
    let blank = at + 1;
    while (file[blank] !== '') blank++;
    file.splice(blank + 1, 0, `const API_URL = process.env.EXPO_PUBLIC_API_URL ?? 'https://api.example.com';`, '', ...call);
    return file;
  }
  const file = serviceFile(cx, Math.max(40, target - call.length));
  const exportAt = file.indexOf(`export const ${entry.exportName} = {`);
  return [wrapperImport(cx), ...file.slice(0, exportAt), ...call, ...file.slice(exportAt)];
}

function fixedFile(cx) {
  const { kind } = cx.entry;
  if (kind === 'root-layout') {
    return [
      "import { Stack } from 'expo-router';",
      "import { StatusBar } from 'expo-status-bar';",
      "import { useEffect } from 'react';",
      "import * as SplashScreen from 'expo-splash-screen';",
      '',
      'void SplashScreen.preventAutoHideAsync();',
      '',
      'export default function RootLayout() {',
      '  useEffect(() => {',
      '    void SplashScreen.hideAsync();',
      '  }, []);',
      '  return (',
      '    <>',
      '      <Stack screenOptions={{ headerShown: false }}>',
      '        <Stack.Screen name="(tabs)" />',
      '        <Stack.Screen name="+not-found" options={{ title: \'Oops!\' }} />',
      '      </Stack>',
      '      <StatusBar style="auto" />',
      '    </>',
      '  );',
      '}',
      '',
    ];
  }
  if (kind === 'tabs-layout') {
    const tabs = DOMAINS.slice(0, 5);
    return [
      "import { Tabs } from 'expo-router';",
      '',
      'export default function TabLayout() {',
      '  return (',
      "    <Tabs screenOptions={{ tabBarActiveTintColor: '#2563eb', headerShown: false }}>",
      ...tabs.map((t) => `      <Tabs.Screen name="${t.plural}/index" options={{ title: '${t.Plural}' }} />`),
      '    </Tabs>',
      '  );',
      '}',
      '',
    ];
  }
  if (kind === 'not-found') {
    return [
      "import { Link, Stack } from 'expo-router';",
      "import { StyleSheet, Text, View } from 'react-native';",
      '',
      'export default function NotFoundScreen() {',
      '  return (',
      '    <>',
      "      <Stack.Screen options={{ title: 'Oops!' }} />",
      `      <View style={${styleRef(cx, 'container')}}>`,
      `        <Text style={${styleRef(cx, 'title')}}>This screen does not exist.</Text>`,
      '        <Link href="/">Go to home screen!</Link>',
      '      </View>',
      '    </>',
      '  );',
      '}',
      '',
      ...stylesBlock(cx),
    ];
  }
  if (kind === 'babel') {
    return ['module.exports = function (api) {', '  api.cache(true);', "  return { presets: ['babel-preset-expo'] };", '};', ''];
  }
  return [
    "const { getDefaultConfig } = require('expo/metro-config');",
    '',
    'const config = getDefaultConfig(__dirname);',
    "config.resolver.sourceExts.push('cjs');",
    '',
    'module.exports = config;',
    '',
  ];
}

// ---------------------------------------------------------------- writing

const GENERATORS = {
  screen: screenFile,
  component: componentFile,
  hook: hookFile,
  service: serviceFile,
  lib: libFile,
  util: utilFile,
  direct: directFile,
  user: userFile,
  'user-screen': userFile,
};

/**
 * Writes an app of `fileCount` source files into `dir` (emptied first).
 * Returns what was written: counts, and the files that use storage.
 */
export function generate(dir, fileCount) {
  if (!Number.isInteger(fileCount) || fileCount < 20) throw new RangeError('fileCount must be an integer of at least 20');
  const random = makeRandom(SEED ^ fileCount);
  const plan = planFiles(random, fileCount);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const write = (path, text) => {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  };

  let lines = 0;
  const storageFiles = [];
  const wrapperUsers = [];
  for (const entry of plan.files) {
    const cx = fileContext(random, entry, plan);
    const target = sizeTarget(random);
    let body;
    if (entry.kind.startsWith('wrapper-')) body = wrapperFile(entry.kind);
    else if (GENERATORS[entry.kind]) body = GENERATORS[entry.kind](cx, target);
    else body = fixedFile(cx);
    const text = body.join('\n');
    lines += text.split('\n').length - 1;
    write(entry.path, text);
    if (entry.kind === 'direct' || entry.kind.startsWith('wrapper-')) storageFiles.push(entry.path);
    if (entry.kind.startsWith('user')) wrapperUsers.push(entry.path);
  }

  write(
    'package.json',
    `${JSON.stringify(
      {
        name: `bench-app-${fileCount}`,
        version: '1.0.0',
        private: true,
        main: 'expo-router/entry',
        scripts: { start: 'expo start', android: 'expo start --android', ios: 'expo start --ios' },
        dependencies: {
          '@react-native-async-storage/async-storage': '2.2.0',
          expo: '~54.0.0',
          'expo-local-authentication': '~17.0.7',
          'expo-router': '~6.0.10',
          'expo-secure-store': '~15.0.7',
          'expo-splash-screen': '~31.0.10',
          'expo-status-bar': '~3.0.8',
          react: '19.1.0',
          'react-native': '0.81.4',
        },
        devDependencies: { '@types/react': '~19.1.10', typescript: '~5.9.2' },
      },
      null,
      2,
    )}\n`,
  );
  write(
    'tsconfig.json',
    `${JSON.stringify({ extends: 'expo/tsconfig.base', compilerOptions: { strict: true, paths: { '@/*': ['./*'] } }, include: ['**/*.ts', '**/*.tsx'] }, null, 2)}\n`,
  );
  write('.gitignore', 'node_modules/\n.expo/\ndist/\nweb-build/\n*.log\n');
  // A sliver of node_modules, as in an installed app: the tsconfig `extends`
  // resolves, and every tool must skip these files.
  write('node_modules/expo/package.json', `${JSON.stringify({ name: 'expo', version: '54.0.0', main: 'index.js' }, null, 2)}\n`);
  write('node_modules/expo/index.js', "'use strict';\nmodule.exports = { registerRootComponent() {} };\n");
  write(
    'node_modules/expo/tsconfig.base.json',
    `${JSON.stringify({ compilerOptions: { allowJs: true, esModuleInterop: true, jsx: 'react-native', lib: ['DOM', 'ESNext'], moduleResolution: 'bundler', module: 'preserve', noEmit: true, resolveJsonModule: true, skipLibCheck: true, target: 'ESNext' }, exclude: ['node_modules'] }, null, 2)}\n`,
  );
  return { dir, files: plan.files.length, lines, storageFiles, wrapperUsers };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count || !/^\d+$/.test(count)) {
    process.stderr.write('usage: node bench/generate.js <dir> <count>\n');
    process.exit(2);
  }
  const result = generate(dir, Number(count));
  process.stdout.write(
    `${result.files} files, ${result.lines} lines (${(result.lines / result.files).toFixed(0)} per file); ${result.storageFiles.length} use storage directly, ${result.wrapperUsers.length} import a wrapper\n`,
  );
}
