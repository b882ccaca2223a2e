// Bundles of many valid event logs for `npm run bench` (issue 23.1): N logs (the credentials scenario's AAD
// Operational log with its errors, its Skype Room System log, its System log, in turn), and a zip nested in a
// zip holding 2,500 of them. Small to make (each log is deflated once), deterministic.
//   node dist/tools/make-many-logs.js <out-dir>   → prints {name: path} as JSON
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scenarioFiles } from '../../tests/support/bundles/build';
import { SCENARIOS } from '../../tests/support/bundles/scenarios';
import { buildZip, type RawZipEntry } from '../../tests/support/zip-builder';

function manyLogs(n: number): RawZipEntry[] {
  const scenario = SCENARIOS.find((s) => s.id === 'credentials');
  if (!scenario) throw new Error('the credentials scenario is missing');
  const logs = scenarioFiles(scenario).filter((f) => /(AAD|Skype Room System|System)[^/]*\.evtx$/.test(f.path));
  return Array.from({ length: n }, (_, i) => {
    const log = logs[i % logs.length] as (typeof logs)[number];
    return { name: `Windows/EventLog/${String(i).padStart(5, '0')}-${path.posix.basename(log.path)}`, data: log.data };
  });
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: make-many-logs <out-dir>');
  await mkdir(out, { recursive: true });
  const made: Record<string, string> = {};
  for (const n of [1_000, 6_000]) {
    made[`${n.toLocaleString('en-US')} event logs`] = path.join(out, `logs-${n}.zip`);
    await writeFile(path.join(out, `logs-${n}.zip`), buildZip(manyLogs(n)));
  }
  made['nested zip of 2,500 logs'] = path.join(out, 'nested-2500.zip');
  await writeFile(made['nested zip of 2,500 logs'], buildZip([{ name: 'DeviceLogs/inner.zip', data: buildZip(manyLogs(2_500)), method: 'store' }]));
  process.stdout.write(JSON.stringify(made));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
