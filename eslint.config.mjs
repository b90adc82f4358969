import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // elements-lint/*.js: the package's built files, committed for the GitHub Action (npm run pack:cli).
  { ignores: ['dist/', 'out/', 'node_modules/', '.cache/', 'coverage/', 'elements-lint/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core runs in plain Node: keep vscode in src/extension.' }] }],
    },
  },
  {
    // .dependency-cruiser.cjs: CommonJS, as dependency-cruiser reads it.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
