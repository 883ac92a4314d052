// The CLI as a handful of modules instead of some seventy: loading each ES
// module costs a resolve, a read and a link, about 50 ms of every run in all.
// Built from tsc's output (dist/src), into dist/src/bundle so that the
// CommonJS loaders it leaves out (of TypeScript and ajv, which are loaded on
// demand) are found at the same relative paths. The ESLint plugin and the
// programmatic API keep the unbundled modules.
export default {
  input: { main: 'dist/src/cli/main.js' },
  platform: 'node',
  // Packages stay outside: the bundle holds only this project's code (the static
  // guard in test/robustness/no-execution.test.ts reads all of it).
  external: [/^node:/, /^[^./]/, /\.cjs$/],
  output: { dir: 'dist/src/bundle', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name].js' },
  logLevel: 'warn',
};
