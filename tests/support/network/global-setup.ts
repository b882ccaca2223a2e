// vitest globalSetup: keeps every test process on 127.0.0.0/8, whatever the environment. Proxy variables are
// cleared (a CI machine's HTTPS_PROXY would otherwise carry the live test's CONNECTs off the machine; tests pass
// their proxy explicitly), and the loopback guard is built to CommonJS and preloaded into every worker and every
// Node child they start (NODE_OPTIONS is read at process start, so it is set here, before workers exist).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'];

export default async function setup(): Promise<() => void> {
  const saved = Object.fromEntries([...PROXY_VARIABLES, 'NODE_OPTIONS', 'MTR_LOOPBACK_GUARD_DIR'].map((k) => [k, process.env[k]]));
  for (const name of PROXY_VARIABLES) delete process.env[name];
  const dir = mkdtempSync(path.join(tmpdir(), 'mtr-loopback-guard-'));
  const guard = path.join(dir, 'loopback-guard.cjs');
  await build({ entryPoints: [path.join(__dirname, 'loopback-guard.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: guard, logLevel: 'silent' });
  // Inside NODE_OPTIONS' quotes a backslash escapes the next character: double it (Windows paths).
  process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require "${guard.replace(/\\/g, '\\\\')}"`.trim();
  process.env.MTR_LOOPBACK_GUARD_DIR = dir;
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
