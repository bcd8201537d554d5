import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import rule for one layer: the import paths (gitignore-style) it may not use, and why. */
function layer(files, groups, message) {
  return {
    files,
    ignores: ['test/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }] },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/out/**', 'fixtures/**', 'coverage/**', '**/*.html'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  // The layers (docs/ARCHITECTURE.md). Data flows one way: cli composes the rest.
  layer(
    ['contract/**/*.ts', 'spec/**/*.ts'],
    ['../*', '../**'],
    'contract/ and spec/ are the shared ground: they import nothing of the project.',
  ),
  {
    ...layer(
      ['mock/**/*.ts'],
      ['**/suites/**', '**/reports/**', '**/cli/**', '**/spec-tools/**', '**/proxy/**'],
      'the reference broker stands alone: it never imports the judge, the reports or the CLI.',
    ),
    ignores: ['test/**', 'mock/domain/**'],
  },
  layer(
    ['mock/domain/**/*.ts'],
    [
      '../http/*',
      '**/mock/http/**',
      '../server.ts',
      '**/mock/server.ts',
      '**/suites/**',
      '**/reports/**',
      '**/cli/**',
      '**/spec-tools/**',
      '**/proxy/**',
    ],
    'mock/domain is pure: no HTTP in it (mock/http builds on it, never the other way), and like all of mock/ it never imports the judge, the reports or the CLI.',
  ),
  // One config per file set: a later config for the same files would replace the rule, not add.
  {
    ...layer(
      ['suites/**/*.ts'],
      ['**/mock/**', '**/reports/**', '**/cli/**', '**/proxy/**'],
      'the suites reach a broker only by its URL and hand their results to cli/, which writes the reports; only suites/model/ may use the pure core of the oracle (mock/domain).',
    ),
    ignores: ['test/**', 'suites/model/**'],
  },
  layer(
    ['suites/model/**/*.ts'],
    ['**/mock/http/**', '**/mock/server.ts', '**/mock/index.ts', '**/reports/**', '**/cli/**'],
    "model-based runs may use the oracle's pure domain core (mock/domain) and nothing else of it.",
  ),
  layer(
    ['reports/**/*.ts'],
    ['**/suites/**', '**/mock/**', '**/cli/**', '**/proxy/**'],
    'reports/ writes what it is given (contract/): it never reaches into the suites.',
  ),
  layer(
    ['spec-tools/**/*.ts'],
    ['**/suites/**', '**/mock/**', '**/reports/**', '**/cli/**', '**/proxy/**'],
    'the spec tools work on specifications only (spec/).',
  ),
  layer(
    ['proxy/**/*.ts'],
    ['**/mock/**', '**/cli/**'],
    "the proxy judges traffic with the suites' rules; it never imports the oracle or the CLI.",
  ),
);
