// The CLI loads its bundles with V8's code cache (main/cli/code-cache.ts). The cache must only ever be a
// shortcut: a bundle loads the same with it, without it, and with a cache that is stale or garbage.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeCacheOf, loadBundle } from '../../main/cli/code-cache';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bundle = (body: string) => {
  const file = path.join(dir, 'bundle.js');
  writeFileSync(file, body);
  return file;
};
const BODY = `const path = require('node:path');
function shout(s) { return s.toUpperCase() + '!'; }
module.exports = { greeting: shout('hello'), where: path.basename(__dirname), self: path.basename(__filename), line: new Error().stack.split('\\n')[1] };`;

describe('code cache', () => {
  it('a bundle loads as require() would: exports, require, __dirname, __filename, and its own line numbers', () => {
    const file = bundle(BODY);
    const first = loadBundle(file);
    expect(first.cached).toBe(false);
    expect(first.exports).toMatchObject({ greeting: 'HELLO!', where: path.basename(dir), self: 'bundle.js' });
    expect((first.exports as { line: string }).line).toContain(`${file}:3:`);
    first.saveCache();
    const second = loadBundle(file);
    expect(second.cached).toBe(true);
    expect(second.exports).toEqual(first.exports);
  });

  it('a stale cache (the bundle changed, even to a text of the same length) or a garbage one is refused, and the bundle still loads', () => {
    const file = bundle(BODY);
    loadBundle(file).saveCache();
    // Same length: V8 alone would take the cache and run the old bytecode ("HELLO!").
    bundle(BODY.replace("'hello'", "'jello'"));
    const sameLength = loadBundle(file);
    expect(sameLength.cached).toBe(false);
    expect(sameLength.exports).toMatchObject({ greeting: 'JELLO!' });
    loadBundle(file).saveCache();
    bundle(BODY.replace("'hello'", "'changed'"));
    const stale = loadBundle(file);
    expect(stale.cached).toBe(false);
    expect(stale.exports).toMatchObject({ greeting: 'CHANGED!' });
    writeFileSync(codeCacheOf(file), Buffer.from('not a code cache'));
    const garbage = loadBundle(file);
    expect(garbage.cached).toBe(false);
    expect(garbage.exports).toMatchObject({ greeting: 'CHANGED!' });
  });
});
