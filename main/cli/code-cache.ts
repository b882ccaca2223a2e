// Loads a sibling CLI bundle with V8's code cache: the bytecode of the functions a typical run compiles,
// saved next to the bundle at build time (scripts/build.mjs), so a run skips parsing and compiling most of
// a 3.5 MB bundle (about 0.1 s of every command). The cache is only a shortcut: V8 checks it against the
// source, its own version and its flags, and a stale or foreign cache is rejected and the bundle compiles
// as usual. V8 checks only the source's length, not its text (a same-length edit would run the old
// bytecode), so the cache starts with a CRC-32 of the source and is used only when that matches.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

type ModuleBody = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

/** Where the cache of `file` lives. */
export const codeCacheOf = (file: string): string => `${file}.cache`;

export interface LoadedBundle {
  exports: unknown;
  /** Whether V8 took the cache (false: none, or rejected as stale or foreign). */
  cached: boolean;
  /** Saves the bytecode of everything compiled so far as the cache (the build's warm-up runs call it at exit). */
  saveCache(): void;
}

/** Runs the CommonJS bundle `file` as require() would, with its code cache when there is one. */
export function loadBundle(file: string): LoadedBundle {
  // Node's own module wrapper, on the first line so line numbers in stack traces stay those of the file.
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, 'utf8')}\n})`;
  // A CRC, not a digest: it guards against stale caches, not attackers (who could edit the bundle itself), and
  // zlib is loaded anyway where node:crypto costs ~10 ms of a start.
  const hash = Buffer.alloc(4);
  hash.writeUInt32LE(zlib.crc32(source));
  let cachedData: Buffer | undefined;
  try {
    const saved = readFileSync(codeCacheOf(file));
    if (saved.length > hash.length && saved.subarray(0, hash.length).equals(hash)) cachedData = saved.subarray(hash.length);
  } catch {
    cachedData = undefined;
  }
  // The bundles have no import() (scripts/build.mjs turns it into require()): a vm.Script has no loader for it.
  const script = new vm.Script(source, { filename: file, cachedData });
  const mod = { exports: {} as unknown };
  (script.runInThisContext() as ModuleBody).call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  return {
    exports: mod.exports,
    cached: cachedData !== undefined && script.cachedDataRejected !== true,
    saveCache: () => writeFileSync(codeCacheOf(file), Buffer.concat([hash, script.createCachedData()])),
  };
}
