// Type-aware lint for the whole workspace. Domain folders get extra bans: they must stay pure.
// TypeScript files are linted with the project service against tsconfig.json (which includes every layer and the
// root *.ts configs). Plain JavaScript (this file, .dependency-cruiser.cjs, apps/server/bin/*.js, bench/bin/*.js)
// is not part of any TypeScript project, so it gets the untyped rule set plus Node's globals.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const javascriptFiles = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// The Node.js globals JavaScript files may use (TypeScript files get theirs from @types/node).
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'performance',
    'fetch',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = {
  module: 'writable',
  exports: 'writable',
  require: 'readonly',
  __dirname: 'readonly',
  __filename: 'readonly',
};

const domainPurity = [
  {
    selector: "MemberExpression[object.name='process'][property.name='env']",
    message: 'Only main.ts reads process.env.',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Domain code is pure: time arrives in command metadata.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Domain code is pure: time arrives in command metadata.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'Domain code is pure: no randomness.',
  },
  {
    selector: "CallExpression[callee.object.name='crypto']",
    message: 'Domain code is pure: new ids arrive in command metadata.',
  },
  {
    selector: "MemberExpression[object.name='performance']",
    message: 'Domain code is pure: time arrives in command metadata.',
  },
  { selector: "MemberExpression[object.name='console']", message: 'Domain code does not log.' },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', '**/dist/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only main.ts reads process.env.',
        },
      ],
    },
  },
  {
    files: [
      '**/main.ts',
      '**/*.test.ts',
      'bench/**',
      '**/testing/**',
      'vitest.config.ts',
      'apps/server/bin/**',
      ...javascriptFiles,
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: javascriptFiles,
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: javascriptFiles,
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...domainPurity],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'fs/*',
                'http',
                'https',
                'net',
                'crypto',
                'child_process',
                'os',
                'path',
                'fastify',
                'postgres',
                '@electric-sql/*',
                'pino',
                'prom-client',
                'kafkajs',
                '@platformatic/*',
              ],
              message: 'Domain code is pure: no I/O or framework imports.',
            },
          ],
        },
      ],
    },
  },
);
