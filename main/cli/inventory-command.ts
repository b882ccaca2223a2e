// `mtr-doctor inventory <zip|folder> [--json]`: what a bundle holds, the same inventory as the wizard.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openBundle } from '../bundle/bundle';
import { BundleError } from '../bundle/errors';
import { identifyEvtx } from '../bundle/identify-evtx';
import { formatBytes } from '../report/format';
import { AppTemp } from '../fs/app-temp';
import type { Inventory } from '../model/inventory';
import { EXIT_BAD_INPUT, EXIT_OK, writeLine, type CliIo } from './io';

export const INVENTORY_USAGE = 'mtr-doctor inventory <bundle.zip|folder> [--json]';

export function renderInventoryText(inv: Inventory): string {
  const lines: string[] = [];
  const c = inv.counts;
  lines.push(`${inv.name} (${inv.source}): ${c.files} files, ${formatBytes(c.bytes)} uncompressed`);
  lines.push(`  ${c.evtx} event logs, ${c.textLogs} text logs, ${c.other} other, ${c.rejected} refused`);
  const section = (title: string, rows: string[]) => {
    if (rows.length === 0) return;
    lines.push('', title);
    for (const r of rows) lines.push(`  ${r}`);
  };
  section(
    'Event logs',
    inv.entries
      .filter((e) => e.kind === 'evtx')
      .map((e) => {
        const id = e.channel ? `${e.channel}${e.provider ? ` [${e.provider}]` : ''}${e.identifiedBy === 'name' ? ' (guessed from file name)' : ''}` : '?';
        return `${e.path}  ${formatBytes(e.size)}  ${id}`;
      }),
  );
  section('Text logs', inv.entries.filter((e) => e.kind === 'text-log').map((e) => `${e.path}  ${formatBytes(e.size)}`));
  section('Refused', inv.rejected.map((r) => r.message));
  section('Warnings', inv.warnings);
  return `${lines.join('\n')}\n`;
}

export async function runInventoryCommand(argv: string[], io: CliIo, tempRoot = path.join(os.tmpdir(), 'mtr-doctor')): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  } catch (err) {
    writeLine(io.stderr, `${(err as Error).message}\nusage: ${INVENTORY_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const [input] = parsed.positionals;
  if (!input || parsed.positionals.length > 1) {
    writeLine(io.stderr, `usage: ${INVENTORY_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const temp = new AppTemp(tempRoot);
  try {
    const bundle = await openBundle(input, { temp, identifyEvtx });
    try {
      io.stdout.write(parsed.values.json ? `${JSON.stringify(bundle.inventory, null, 2)}\n` : renderInventoryText(bundle.inventory));
    } finally {
      await bundle.close();
    }
    return EXIT_OK;
  } catch (err) {
    if (err instanceof BundleError) {
      writeLine(io.stderr, `mtr-doctor: ${err.message}`);
      return EXIT_BAD_INPUT;
    }
    throw err;
  }
}
