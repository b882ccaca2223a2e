// The layer rule is only as good as its lint config: each case is linted with the repository's own
// eslint.config.mjs under a virtual path (the files are not in the tree, so `npx eslint .` never sees them).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function layerMessages(virtualPath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, virtualPath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rule (eslint.config.mjs)', () => {
  it('reports the fixture: main/checks importing main/app', async () => {
    const fixture = readFileSync(path.join(__dirname, 'fixtures/upward-import.fixture'), 'utf8');
    const messages = await layerMessages('main/checks/upward-import.ts', fixture);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/main\/checks may import only main\/model, main\/evidence/);
  });

  it.each([
    ['a reader importing a higher reader', 'main/evtx/x.ts', "export * from '../bundle/open-bundle';\n"],
    ['the model importing the checks', 'main/model/x.ts', "export * from '../checks/run-checks';\n"],
    ['the engine importing the IPC contract', 'main/bundle/x.ts', "export type { Channel } from '../ipc/contract';\n"],
    ['the engine importing the use case', 'main/graph/x.ts', "export * from '../analysis/analyse';\n"],
    ['Electron outside main/index.ts', 'main/app/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['main importing the renderer', 'main/report/x.ts', "export * from '../../renderer/src/App';\n"],
    ['main importing the EVTX writer tool', 'main/evidence/x.ts', "export * from '../../tools/evtx-writer';\n"],
    ['the renderer importing an engine folder', 'renderer/src/steps/X.tsx', "export * from '../../../main/bundle/open-bundle';\n"],
    ['the preload importing anything but the contract', 'preload/x.ts', "export * from '../main/app/jobs';\n"],
    ['the network probe importing a folder it does not use', 'main/network/x.ts', "export * from '../graph/graph-client';\n"],
    ['the EVTX reader importing its dump wing', 'main/evtx/x.ts', "export * from '../evtx-dump/xml-dump';\n"],
    ['the model importing a node: module', 'main/model/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
    ['the model importing a Node module by bare name', 'main/model/x.ts', "import path from 'path';\nexport const p = path;\n"],
    ['the sheet importing a Node submodule', 'main/sheet/X.tsx', "import { readFile } from 'fs/promises';\nexport const r = readFile;\n"],
    ['the IPC contract importing Node', 'main/ipc/contract.ts', "import type { Worker } from 'node:worker_threads';\nexport type W = Worker;\n"],
    ['the IPC contract importing a folder ipc may not', 'main/ipc/contract.ts', "export type { Fact } from '../evidence/facts';\n"],
    ['the renderer importing Node', 'renderer/src/x.ts', "import os from 'node:os';\nexport const o = os;\n"],
  ])('reports %s', async (_what, file, code) => {
    expect(await layerMessages(file, code)).toHaveLength(1);
  });

  it.each([
    ['checks reading model types', 'main/checks/x.ts', "export type { CheckId } from '../model/analysis';\n"],
    ['the renderer using the shared sheet', 'renderer/src/steps/X.tsx', "export { FindingsSheet } from '../../../main/sheet/FindingsSheet';\n"],
    ['the renderer using the contract', 'renderer/src/x.ts', "export type { MtrApi } from '../../main/ipc/contract';\n"],
    ['the app calling the use case', 'main/app/x.ts', "export { analyse } from '../analysis/analyse';\n"],
    ['Electron in main/index.ts', 'main/index.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['the dump wing using the reader', 'main/evtx-dump/x.ts', "export { readChunk } from '../evtx/chunk-reader';\n"],
    ['IPC code outside the contract using Node', 'main/ipc/x.ts', "import { randomUUID } from 'node:crypto';\nexport const r = randomUUID;\n"],
    ['a package whose name starts like a Node module', 'main/model/x.ts', "export { z } from 'zod';\nexport * from 'os-name-lookalike';\n"],
  ])('allows %s', async (_what, file, code) => {
    expect(await layerMessages(file, code)).toEqual([]);
  });
});

describe('the layer table covers main/', async () => {
  const config = (await import(pathToFileURL(path.join(root, 'eslint.config.mjs')).href)) as { MAY_IMPORT: Record<string, string[]>; RENDERER_BUNDLED: string[] };
  const { MAY_IMPORT, RENDERER_BUNDLED } = config;
  const folders = readdirSync(path.join(root, 'main'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  it('lists every folder of main/, and no folder that is gone', () => {
    expect(Object.keys(MAY_IMPORT).sort()).toEqual(folders);
  });

  it('puts the runtime axis only on folders that exist', () => {
    for (const folder of RENDERER_BUNDLED) expect(folders).toContain(folder);
  });
});
