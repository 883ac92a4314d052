// tsc compiles only .ts files: copy the hand-written CommonJS loader of
// `typescript` (src/core/typescript.cjs) and its types beside the build output.
import { copyFileSync } from 'node:fs';

for (const name of ['typescript.cjs', 'typescript.d.cts']) copyFileSync(`src/core/${name}`, `dist/src/core/${name}`);
