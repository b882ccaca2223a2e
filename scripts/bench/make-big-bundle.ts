// Generates a large, realistic device log bundle for `npm run bench`: weeks of AAD Operational and Skype Room
// System events written with our EVTX writer (streamed to disk), large Teams logs, and incompressible crash
// dumps, zipped to about the requested size. Deterministic.
//   node dist/tools/make-big-bundle.js <out-dir> ['{"aad":12,"srs":12,"teams":15,"dumps":12}' (MB, uncompressed)]
import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EvtxFileWriter } from '../../tools/evtx-writer';
import { aadError, aadNoise } from '../../tests/support/bundles/aad-events';
import { BOARDROOM } from '../../tests/support/bundles/device';
import { Prng } from '../../tests/support/prng';
import { heartbeat, HEALTHY } from '../../tests/support/bundles/srs-events';
import { classicLine, LICENSE_ERROR, ROUTINE } from '../../tests/support/bundles/teams-log';

const MB = 1024 * 1024;

export interface BigBundle {
  dir: string;
  files: { path: string; bytes: number }[];
  evtx: string[];
}

async function evtxFile(file: string, targetMb: number, make: (i: number) => Parameters<EvtxFileWriter['add']>[0]): Promise<void> {
  const w = await EvtxFileWriter.create(file, { firstRecordId: 1000 });
  try {
    for (let i = 0; ; i += 1) {
      await w.add(make(i));
      // Check the size every few thousand records; chunks are flushed as they fill.
      if (i % 4096 === 0 && (await stat(file)).size >= targetMb * MB) break;
    }
  } finally {
    await w.close();
  }
}

/** Writes the bundle's files into `dir` (the zip is made by the caller). Sizes in MB, uncompressed. */
export async function makeBigBundleFiles(dir: string, sizes = { aad: 120, srs: 120, teams: 150, dumps: 200 }): Promise<BigBundle> {
  const rng = new Prng(42);
  const start = Date.parse('2026-10-01T00:00:00Z');
  const at = (i: number, stepMs: number) => new Date(start + i * stepMs).toISOString();
  const p = (rel: string) => path.join(dir, ...rel.split('/'));
  await mkdir(p('Windows/EventLog'), { recursive: true });
  await mkdir(p('App/Microsoft/Teams'), { recursive: true });
  await mkdir(p('App/CrashDumps'), { recursive: true });

  // The broker's noise with an MFA failure every 15 minutes in the last few days' worth of records.
  await evtxFile(p('Windows/EventLog/Microsoft-Windows-AAD_Operational.evtx'), sizes.aad, (i) =>
    i % 9 === 0 ? aadError(BOARDROOM, at(i, 20_000), '50076', rng) : aadNoise(BOARDROOM, at(i, 20_000), rng),
  );
  await evtxFile(p('Windows/EventLog/Skype Room System.evtx'), sizes.srs, (i) =>
    heartbeat(BOARDROOM, at(i, 60_000), i % 3 === 0 ? { ...HEALTHY, exchange: '80131500 : AADSTS50076', teams: 'Unhealthy' } : HEALTHY),
  );

  const teams = createWriteStream(p('App/Microsoft/Teams/Logs.txt'));
  let written = 0;
  for (let i = 0; written < sizes.teams * MB; i += 1) {
    const line = `${classicLine(at(i, 1_000), i % 500 === 0 ? 'error' : 'info', i % 500 === 0 ? LICENSE_ERROR : (ROUTINE[i % ROUTINE.length] as string))}\r\n`;
    written += line.length;
    if (!teams.write(line)) await new Promise<void>((r) => teams.once('drain', () => r()));
  }
  await new Promise<void>((r) => teams.end(r));

  // Crash dumps do not compress: they keep the zip big the way real bundles are.
  for (let d = 0; d < 4; d += 1) {
    const out = createWriteStream(p(`App/CrashDumps/SkypeRoomSystem.exe.${4100 + d}.dmp`));
    const block = Buffer.alloc(MB);
    for (let m = 0; m < sizes.dumps / 4; m += 1) {
      for (let o = 0; o < MB; o += 4) block.writeUInt32LE((rng.next() * 0xffffffff) >>> 0, o);
      if (!out.write(Buffer.from(block))) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(r));
  }
  await mkdir(p('Config'), { recursive: true });
  await writeFile(p('Config/DeviceInfo.json'), JSON.stringify({ ComputerName: BOARDROOM.computer, AppVersion: BOARDROOM.appVersion }));

  const rels = [
    'Windows/EventLog/Microsoft-Windows-AAD_Operational.evtx',
    'Windows/EventLog/Skype Room System.evtx',
    'App/Microsoft/Teams/Logs.txt',
    ...[0, 1, 2, 3].map((d) => `App/CrashDumps/SkypeRoomSystem.exe.${4100 + d}.dmp`),
    'Config/DeviceInfo.json',
  ];
  const files = [];
  for (const rel of rels) files.push({ path: rel, bytes: (await stat(p(rel))).size });
  return { dir, files, evtx: rels.slice(0, 2).map(p) };
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? 'big-bundle');
  const sizes = process.argv[3] ? (JSON.parse(process.argv[3]) as Parameters<typeof makeBigBundleFiles>[1]) : undefined;
  makeBigBundleFiles(out, sizes).then(
    (b) => console.log(JSON.stringify(b)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
