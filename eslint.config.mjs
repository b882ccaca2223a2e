import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

// The layer rule (docs/ARCHITECTURE.md): each folder of main/ may import only the folders listed for it,
// all of them lower in the picture, and only those it uses (a new import is a choice, made here).
// Imports are relative, so a target folder is `(../)+name`. main/index.ts and preload/ alone may
// import Electron; the renderer reaches main only through the typed IPC contract, the shared findings
// sheet (main/sheet) and model types. tests/layering checks that every folder of main/ is listed.
export const MAY_IMPORT = {
  model: [],
  fs: [],
  evtx: ['model'],
  'evtx-dump': ['fs', 'evtx'],
  bundle: ['model', 'fs', 'evtx'],
  auth: ['model', 'fs'],
  graph: ['model', 'auth'],
  evidence: ['model', 'evtx', 'bundle'],
  checks: ['model', 'evidence'],
  network: ['model', 'auth'],
  analysis: ['model', 'fs', 'bundle', 'auth', 'graph', 'evidence', 'checks'],
  sheet: ['model'],
  report: ['model', 'sheet'],
  security: [],
  protocol: ['security'],
  ipc: ['model', 'auth', 'bundle', 'security'],
  app: ['model', 'fs', 'bundle', 'auth', 'checks', 'network', 'analysis', 'report', 'security', 'ipc'],
  cli: ['model', 'fs', 'evtx', 'evtx-dump', 'bundle', 'auth', 'graph', 'checks', 'network', 'analysis', 'report', 'app'],
};
/**
 * The runtime axis: code bundled into the renderer (a sandboxed page, no Node) may not import Node's
 * modules, by `node:` or by bare name. main/ipc/contract.ts alone of main/ipc is bundled (type imports).
 */
export const RENDERER_BUNDLED = ['model', 'sheet'];
const RENDERER_BUNDLED_FILES = ['main/ipc/contract.ts'];
const nodeBuiltins = {
  regex: `^(node:|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/|$))`,
  message: 'Code bundled into the renderer runs in a page without Node: no Node modules here.',
};
const MAIN_FOLDERS = Object.keys(MAY_IMPORT);
/** Never imported from main/ or the renderer: the other process, test and build code, tools not shipped. */
const OUTSIDE = ['renderer', 'preload', 'tests', 'scripts', 'tools'];

const electron = { name: 'electron', message: 'Electron is imported only in main/index.ts and preload/; pass what you need in as a platform piece.' };
const folders = (names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;

function layerRule(folder, files = [`main/${folder}/**/*.{ts,tsx}`], bundled = RENDERER_BUNDLED.includes(folder)) {
  const allowed = MAY_IMPORT[folder];
  const forbidden = MAIN_FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
  const patterns = [{ regex: folders(OUTSIDE), message: `main/ never imports the renderer, preload, tests, scripts or tools.` }];
  if (bundled) patterns.push(nodeBuiltins);
  if (forbidden.length > 0) {
    patterns.push({
      regex: folders(forbidden),
      message: `main/${folder} may import only ${allowed.length ? allowed.map((f) => `main/${f}`).join(', ') : 'itself'} (layer rule, docs/ARCHITECTURE.md).`,
    });
  }
  return { files, rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns }] } };
}

export const LAYER_RULES = [
  ...MAIN_FOLDERS.map((folder) => layerRule(folder)),
  // Later entries win for a file: the bundled files of a folder get its layer rule plus the runtime axis.
  ...RENDERER_BUNDLED_FILES.map((file) => layerRule(file.split('/')[1], [file], true)),
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
            nodeBuiltins,
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
