// @ts-check
// Lint rules, including the layering rule: lib → corpus → analysis → index → answers → render → front ends.
// A layer may import only from layers before it; the build fails otherwise.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = ['lib', 'corpus', 'analysis', 'index', 'answers', 'render'];
const frontEnds = ['discord', 'console', 'cli', 'digest', 'app'];

/** For the layer at `position`, forbid imports of every later layer and of every front end. */
function layerRule(position) {
  const later = [...layers.slice(position + 1), ...frontEnds];
  return {
    files: [`src/${layers[position]}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'discord.js', message: 'Only front ends (src/discord, commands/) may use discord.js.' }],
          patterns: [
            {
              group: [...later.map((name) => `**/${name}/**`), '**/commands/**'],
              message: `src/${layers[position]} may import only from earlier layers (${layers.slice(0, position).join(', ') || 'none'}).`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bin/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', URL: 'readonly', Buffer: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through src/config.ts.' }],
    },
  },
  ...layers.map((_, position) => layerRule(position)),
  {
    // The config module is the one reader of the environment; tests and scripts pass environments to child processes.
    files: ['src/config.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
