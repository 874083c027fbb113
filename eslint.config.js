import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// The Apps Script services may only be touched from src/gas and src/main.ts (the shell).
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'FormApp',
  'GmailApp',
  'MailApp',
  'ScriptApp',
  'PropertiesService',
  'LockService',
  'CacheService',
  'HtmlService',
  'UrlFetchApp',
  'Utilities',
  'Session',
  'Logger',
  'DriveApp',
];
// Node has these; Apps Script does not, so code bound for the bundle must not use them.
const NODE_ONLY_GLOBALS = [
  'process',
  'require',
  'Buffer',
  'setTimeout',
  'setInterval',
  'fetch',
  'TextEncoder',
  'TextDecoder',
  '__dirname',
];

const restrict = (names, why) => names.map((name) => ({ name, message: `${name} ${why}` }));

export default tseslint.config(
  { ignores: ['build/', 'out/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrict(NODE_ONLY_GLOBALS, 'does not exist in the Apps Script runtime'),
      ],
      'no-restricted-imports': ['error', { patterns: ['node:*'] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrict(NODE_ONLY_GLOBALS, 'does not exist in the Apps Script runtime'),
        ...restrict(APPS_SCRIPT_GLOBALS, 'is an Apps Script service: the core stays pure, use src/gas'),
      ],
    },
  },
  prettier,
);
