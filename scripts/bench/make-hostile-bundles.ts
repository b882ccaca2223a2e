// The crafted bundles of issue 9 for `npm run bench`: an overlapping-entries bomb, a flood of small entries,
// a flood of distinct AADSTS codes in Teams logs (zips), 300,000 distinct heartbeats and a Teams log of huge
// lines (folders: they are written straight to disk). Deterministic.
//   node dist/tools/make-hostile-bundles.js <out-dir>   → prints {name: path} as JSON
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EvtxFileWriter } from '../../tools/evtx-writer';
import { BOARDROOM } from '../../tests/support/bundles/device';
import { heartbeat, HEALTHY } from '../../tests/support/bundles/srs-events';
import { overlapBomb, smallEntryBomb } from '../../tests/support/hostile-bundles';
import { classicLine } from '../../tests/support/bundles/teams-log';
import { buildZip } from '../../tests/support/zip-builder';

/** `files` Teams logs, each with `codes` distinct AADSTS codes (the flood that once outgrew V8's string limit). */
function codesFlood(files: number, codes: number): Buffer {
  const entries = [];
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let c = 0; c < codes; c++) {
      const t = new Date(Date.UTC(2026, 10, 1) + (f * codes + c) * 1000).toISOString();
      lines.push(classicLine(t, 'error', `AuthenticationService: sign in failed: AADSTS${700000 + f * codes + c}: The request failed for a reason this code names.`));
    }
    entries.push({ name: `App/Microsoft/Teams/old_logs_${String(f).padStart(4, '0')}.txt`, data: Buffer.from(`${lines.join('\n')}\n`) });
  }
  return buildZip(entries);
}

/** `count` heartbeats, each with a different Exchange status, so no two collapse into one run. */
async function heartbeatFlood(dir: string, count: number): Promise<void> {
  await mkdir(path.join(dir, 'Windows', 'EventLog'), { recursive: true });
  const w = await EvtxFileWriter.create(path.join(dir, 'Windows', 'EventLog', 'Skype Room System.evtx'), { firstRecordId: 1 });
  try {
    const start = Date.parse('2026-10-01T00:00:00Z');
    for (let i = 0; i < count; i++) {
      await w.add(heartbeat(BOARDROOM, new Date(start + i * 60_000).toISOString(), { ...HEALTHY, exchange: `80131500 : AADSTS${500000 + i}`, teams: 'Unhealthy' }));
    }
  } finally {
    await w.close();
  }
}

/** A Teams log of `lines` lines of `mb` MB each, every one a sign-in error. */
async function hugeLines(dir: string, lines: number, mb: number): Promise<void> {
  await mkdir(path.join(dir, 'App', 'Microsoft', 'Teams'), { recursive: true });
  const out = createWriteStream(path.join(dir, 'App', 'Microsoft', 'Teams', 'Logs.txt'));
  const filler = 'x'.repeat(mb * 1024 * 1024);
  for (let i = 0; i < lines; i++) {
    const line = `${classicLine(new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(), 'error', `sign in failed: AADSTS50126 ${filler}`)}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: make-hostile-bundles <out-dir>');
  await mkdir(out, { recursive: true });
  const made: Record<string, string> = {};
  const bundles: [string, () => Buffer][] = [
    ['overlap-bomb', () => overlapBomb(9990, Math.round(3.4 * 1024 * 1024))],
    ['small-entry-bomb', () => smallEntryBomb(2000)],
    ['codes-flood', () => codesFlood(120, 1000)],
  ];
  for (const [name, make] of bundles) {
    const file = path.join(out, `${name}.zip`);
    await writeFile(file, make());
    made[name] = file;
  }
  made['heartbeat-flood (folder)'] = path.join(out, 'heartbeat-flood');
  await heartbeatFlood(made['heartbeat-flood (folder)'], 300_000);
  made['huge-lines (folder)'] = path.join(out, 'huge-lines');
  await hugeLines(made['huge-lines (folder)'], 98, 4);
  process.stdout.write(JSON.stringify(made));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
