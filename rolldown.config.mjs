// The CLI as a handful of CommonJS modules instead of some seventy ES modules.
// Each ES module costs a resolve, a read and a link, and each CommonJS package
// an ES module imports (commander, ignore, picomatch, the compiler's loader)
// is first scanned for its export names, on every run (docs/decisions.md has
// the measurements). As CommonJS, the bundle and its packages are simply
// required. Built from
// tsc's output (dist/src), into dist/src/bundle so that the CommonJS loaders
// it leaves out (of TypeScript and ajv, which are loaded on demand) are found
// at the same relative paths. The ESLint plugin and the programmatic API keep
// the unbundled ES modules.
export default {
  input: { main: 'dist/src/cli/main.js' },
  platform: 'node',
  // Packages stay outside: the bundle holds only this project's code (the static
  // guard in test/robustness/no-execution.test.ts reads all of it).
  external: [/^node:/, /^[^./]/, /\.cjs$/],
  // The published CLI is the production build: checks meant for development
  // (an unknown message id, see src/core/findings.ts) fold away here.
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  output: { dir: 'dist/src/bundle', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name].cjs', cleanDir: true },
  logLevel: 'warn',
};
