#!/usr/bin/env node
// Benchmark: audits a generated app of a realistic shape and prints figures.
// Usage: npm run bench [-- --files 3000 --runs 5]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { audit } from '../dist/src/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const fileCount = option('files', 3000);
const runs = option('runs', 5);

// One file in ten touches storage (directly or through the wrapper); the rest
// are ordinary components and utilities, as in a real app.
function generate(dir) {
  mkdirSync(join(dir, 'lib'), { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, jsx: 'react-jsx', paths: { '@/*': ['./*'] } } }));
  writeFileSync(
    join(dir, 'lib/secureToken.ts'),
    `// SecureStore prefix: auth.*
import * as SecureStore from 'expo-secure-store';
const OPTIONS = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };
export const getAccessToken = () => SecureStore.getItemAsync('auth.accessToken', OPTIONS);
export const saveAccessToken = (t: string) => SecureStore.setItemAsync('auth.accessToken', t, OPTIONS);
`,
  );
  for (let i = 0; i < fileCount; i++) {
    const folder = join(dir, 'app', `feature${i % 50}`);
    mkdirSync(folder, { recursive: true });
    let text;
    if (i % 20 === 0) {
      text = `import * as SecureStore from 'expo-secure-store';
import AsyncStorage from '@react-native-async-storage/async-storage';
export function Screen${i}() {
  const pin = SecureStore.getItem('pin.${i}');
  return pin;
}
export async function save${i}(sessionToken: string) {
  await AsyncStorage.setItem('session.${i}', sessionToken);
  await SecureStore.setItemAsync('cache.${i}', JSON.stringify({ a: ${i} }));
}
`;
    } else if (i % 20 === 1) {
      text = `import { getAccessToken } from '@/lib/secureToken';
export async function load${i}() { return fetch('/x', { headers: { Authorization: String(await getAccessToken()) } }); }
`;
    } else {
      text = `import { useState } from 'react';
export function Component${i}(props: { title: string }) {
  const [count, setCount] = useState(${i});
  const items = Array.from({ length: 10 }, (_, k) => ({ id: k, label: props.title + k }));
  return items.map((item) => item.label + count).join(',') + String(setCount);
}
`;
    }
    writeFileSync(join(folder, `file${i}.tsx`), text);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ssa-bench-'));
try {
  generate(dir);
  const times = [];
  let last;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    last = audit({ cwd: dir, paths: ['.'] });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const findings = last.files.reduce((n, f) => n + f.findings.length, 0);
  console.log(`files discovered: ${last.counts.discovered}, relevant: ${last.counts.relevant}, parsed: ${last.counts.parsed}`);
  console.log(`findings: ${findings}`);
  console.log(`wall time over ${runs} runs: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`);
  console.log(`throughput: ${((last.counts.discovered / median) * 1000).toFixed(0)} files/s`);
  console.log('phases of the last run:');
  for (const [phase, ms] of Object.entries(last.timings)) if (phase !== 'parsedFiles') console.log(`  ${phase.padEnd(40)} ${ms.toFixed(1)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
