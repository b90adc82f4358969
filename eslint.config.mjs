import { builtinModules } from 'node:module';
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
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core runs in plain Node: keep vscode in src/extension.' }],
          patterns: [
            {
              group: ['**/extension/**', '**/cli/**', '**/emulator/**', '**/action/**'],
              message: 'src/core is what the adapters stand on: it never imports one of them.',
            },
          ],
        },
      ],
    },
  },
  {
    // The core runs in a browser too (scripts/check-browser-core.mjs); only src/core/node/ is Node's.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core runs in plain Node: keep vscode in src/extension.' },
            ...builtinModules.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: 'src/core runs in a browser too: what needs Node goes in src/core/node/ or behind an interface.' })),
          ],
          patterns: [
            {
              group: ['**/extension/**', '**/cli/**', '**/emulator/**', '**/action/**'],
              message: 'src/core is what the adapters stand on: it never imports one of them.',
            },
            { group: ['**/node/*'], message: 'Only Node runs src/core/node/: the rest of the core never imports it (the adapters do).' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['Buffer', 'process', 'global', 'require', '__dirname', '__filename', 'setImmediate', 'clearImmediate'].map((name) => ({
          name,
          message: 'src/core runs in a browser too: use what both have (Uint8Array and src/core/bytes.ts, globalThis.crypto, setTimeout).',
        })),
      ],
    },
  },
  {
    // Every notification goes out as plain text (CONTRIBUTING, "The provisioning adapters"): through notify() or confirm().
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/notify.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^show(Information|Warning|Error)Message$/]',
          message: "A notification goes through notify() or confirm() (src/extension/notify.ts), which keep outside text plain: no [label](command:…) survives.",
        },
      ],
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
