// Type-aware lint for the whole workspace. Domain folders get extra bans: they must stay pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', '**/dist/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.cjs', 'apps/server/bin/*.js', 'bench/bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only main.ts reads process.env.' },
      ],
    },
  },
  {
    files: ['**/main.ts', '**/*.test.ts', 'bench/**', '**/testing/**', 'vitest.config.ts', 'apps/server/bin/**', '**/*.js', '**/*.cjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Domain code is pure: time arrives in command metadata.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain code is pure: time arrives in command metadata.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Domain code is pure: no randomness.' },
        { selector: "MemberExpression[object.name='console']", message: 'Domain code does not log.' },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'http', 'net', 'fastify', 'postgres', '@electric-sql/*', 'pino', 'prom-client', 'kafkajs', '@platformatic/*'], message: 'Domain code is pure: no I/O or framework imports.' }] },
      ],
    },
  },
);
