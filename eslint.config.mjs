import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layer rule (docs/ARCHITECTURE.md): each folder of main/ may import only the folders listed for it,
// all of them lower in the picture. Imports are relative, so a target folder is `(../)+name`.
// main/index.ts and preload/ alone may import Electron; the renderer reaches main only through the
// typed IPC contract, the shared findings sheet (main/sheet) and model types.
const MAY_IMPORT = {
  model: [],
  fs: ['model'],
  evtx: ['model'],
  bundle: ['model', 'fs', 'evtx'],
  auth: ['model', 'fs'],
  graph: ['model', 'auth'],
  evidence: ['model', 'fs', 'evtx', 'bundle'],
  checks: ['model', 'evidence'],
  network: ['model', 'fs', 'evtx', 'bundle', 'auth', 'graph', 'evidence'],
  analysis: ['model', 'fs', 'evtx', 'bundle', 'auth', 'graph', 'evidence', 'checks', 'network'],
  sheet: ['model'],
  report: ['model', 'sheet'],
  security: [],
  shell: ['security'],
  ipc: ['model', 'auth', 'bundle', 'security'],
  app: ['model', 'fs', 'evtx', 'bundle', 'auth', 'graph', 'evidence', 'checks', 'network', 'analysis', 'sheet', 'report', 'security', 'shell', 'ipc'],
  cli: ['model', 'fs', 'evtx', 'bundle', 'auth', 'graph', 'evidence', 'checks', 'network', 'analysis', 'sheet', 'report', 'app'],
};
const MAIN_FOLDERS = Object.keys(MAY_IMPORT);
/** Never imported from main/ or the renderer: the other process, test and build code, tools not shipped. */
const OUTSIDE = ['renderer', 'preload', 'tests', 'scripts', 'tools'];

const electron = { name: 'electron', message: 'Electron is imported only in main/index.ts and preload/; pass what you need in as a platform piece.' };
const folders = (names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;

function layerRule(folder) {
  const allowed = MAY_IMPORT[folder];
  const forbidden = MAIN_FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
  const patterns = [{ regex: folders(OUTSIDE), message: `main/ never imports the renderer, preload, tests, scripts or tools.` }];
  if (forbidden.length > 0) {
    patterns.push({
      regex: folders(forbidden),
      message: `main/${folder} may import only ${allowed.length ? allowed.map((f) => `main/${f}`).join(', ') : 'itself'} (layer rule, docs/ARCHITECTURE.md).`,
    });
  }
  return { files: [`main/${folder}/**/*.{ts,tsx}`], rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns }] } };
}

export const LAYER_RULES = [
  ...MAIN_FOLDERS.map(layerRule),
  {
    files: ['main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: `^\\.\\./(${OUTSIDE.join('|')})(/|$)`, message: 'main/ never imports the renderer, preload, tests, scripts or tools.' }] }] },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+(?!main/ipc/contract$)', message: 'The preload exposes the IPC contract and imports nothing else of ours.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              regex: '^(\\.\\./)+main/(?!model/|sheet/|ipc/contract$)',
              message: 'The renderer reaches main only through main/ipc/contract, main/sheet and main/model types.',
            },
            { regex: folders(['preload', 'tests', 'scripts', 'tools']), message: 'The renderer imports only its own code, the contract, the sheet and model types.' },
          ],
        },
      ],
    },
  },
  { files: ['tools/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [electron] }] } },
];

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'out/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'main/sheet/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  ...LAYER_RULES,
);
