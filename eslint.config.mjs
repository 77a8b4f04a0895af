import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The web app and the realtime server meet only at the Pusher protocol: neither may import the other.
const appPaths = ['@/app/*', '@/components/*', '@/lib/*', '**/app/*', '**/components/*', '**/lib/*', '**/scripts/*'];
const realtimePaths = ['**/realtime/*', '@/realtime/*'];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '.next/**', '.next-*/**', '.data/**', 'realtime/dist/**', 'scripts/dist/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bench/results/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // No import circles in the app: a module's dependencies can be read (and tested) without it.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'],
    settings: { 'import/ignore': ['node_modules'] },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['realtime/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: appPaths, message: 'The realtime server must not import app code.' }] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: realtimePaths, message: 'The app must not import realtime server code; talk to it over the Pusher protocol.' }] }],
    },
  },
];

export default config;
