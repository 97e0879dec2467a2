// @ts-check
import tseslint from 'typescript-eslint';
import local from './lint/codeLayering.js';

// Layers by allow-list (lint/layers.js): each folder names what it may import, every npm package
// names the layers that may use it, and anything not listed is refused.
export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'test-results', 'playwright-report', '.data', 'release'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    plugins: { local },
    rules: { 'local/code-layering': 'error' },
  },
);
