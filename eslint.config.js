// The project lints itself: typescript-eslint's type-checked recommended
// rules over our TypeScript, ESLint's recommended rules over our JavaScript,
// and this package's own plugin everywhere (from dist/, which `npm run lint`
// builds first; fixtures/ are the plugin's test input, not our code).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import securestore from './dist/src/eslint/plugin.js';

export default tseslint.config(
  { ignores: ['dist/**', 'fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // `const { source: _source, ...rest } = x` is how we leave a field out of a
    // copy: the name it binds is never meant to be read.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS on purpose: the executable, the compiler loader and the
    // benchmark's preloads are required, not imported (see docs/decisions.md).
    files: ['**/*.cjs', '**/*.cts', 'bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read the CLI's JSON and SARIF output through JSON.parse, which is
    // `any` by design; typing every parsed report would add noise, not safety.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  securestore.configs.recommended,
);
