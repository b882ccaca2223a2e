// The crafted bundles of issue 9 for `npm run bench`: an overlapping-entries bomb, a flood of small entries,
// and a flood of distinct AADSTS codes in Teams logs. Deterministic.
//   node dist/tools/make-hostile-bundles.js <out-dir>   → prints {name: path} as JSON
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
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
  process.stdout.write(JSON.stringify(made));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
