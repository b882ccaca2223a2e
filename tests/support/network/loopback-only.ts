// vitest setup file, run before every test file: the loopback guard is on (the global setup also preloads it
// into every worker and Node child), and a file whose code, or whose children, tried to reach anything beyond
// 127.0.0.0/8 fails, naming what was refused.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { GUARD_LOG_ENV, installLoopbackGuard, takeGuardLog } from './loopback-guard';

installLoopbackGuard();
const dir = process.env.MTR_LOOPBACK_GUARD_DIR ?? path.join(tmpdir(), 'mtr-loopback-guard');
mkdirSync(dir, { recursive: true });
// Per worker, so a child's refusals are counted against the file that started it.
process.env[GUARD_LOG_ENV] = path.join(dir, `worker-${process.pid}.log`);
takeGuardLog();

afterAll(() => {
  const refused = takeGuardLog();
  if (refused.length > 0) {
    throw new Error(`This test file (or a process it started) tried to reach beyond 127.0.0.0/8:\n  ${refused.join('\n  ')}`);
  }
});
