// `mtr-doctor inventory <zip|folder> [--json]`: what a bundle holds, the same inventory as the wizard.
// parse → run (open the bundle, close it) → render (text or JSON).
import { parseArgs } from 'node:util';
import { openBundle } from '../bundle/open-bundle';
import { BundleError } from '../bundle/bundle-error';
import { formatBytes, formatCount } from '../model/display-format';
import { AppTemp, defaultTempRoot } from '../fs/app-temp';
import type { Inventory } from '../model/inventory';
import { printable } from '../model/printable';
import { UsageError, type CliCommand } from './command';
import { EXIT_BAD_INPUT, EXIT_OK, writeLine } from './io';

export const INVENTORY_USAGE = 'mtr-doctor inventory <bundle.zip|folder> [--json]';

function count(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export function renderInventoryText(inv: Inventory): string {
  const lines: string[] = [];
  const c = inv.counts;
  lines.push(`${printable(inv.name)} (${inv.source}): ${count(c.files, 'file')}, ${formatBytes(c.bytes)} uncompressed`);
  lines.push(`  ${count(c.evtx, 'event log')}, ${count(c.textLogs, 'text log')}, ${formatCount(c.other)} other, ${formatCount(c.rejected)} refused`);
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
        // What the damage is, the Warnings section says, naming the file.
        return `${printable(e.path)}  ${formatBytes(e.size)}  ${printable(id)}${e.damaged ? '  damaged (see Warnings)' : ''}`;
      }),
  );
  section('Text logs', inv.entries.filter((e) => e.kind === 'text-log').map((e) => `${printable(e.path)}  ${formatBytes(e.size)}`));
  section('Refused', inv.rejected.map((r) => printable(r.message)));
  section('Warnings', inv.warnings.map(printable));
  return `${lines.join('\n')}\n`;
}

export interface InventoryOptions {
  bundle: string;
  json: boolean;
}

export function parseInventoryArgs(argv: string[]): InventoryOptions {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const [bundle] = positionals;
  if (!bundle) throw new UsageError('no bundle given.');
  if (positionals.length > 1) throw new UsageError('give exactly one bundle.');
  return { bundle, json: values.json ?? false };
}

export function inventoryCommand(tempRoot = defaultTempRoot()): CliCommand<InventoryOptions> {
  return {
    name: 'inventory',
    usage: INVENTORY_USAGE,
    parse: parseInventoryArgs,
    async run(o, io) {
      let inventory: Inventory;
      try {
        const bundle = await openBundle(o.bundle, { temp: new AppTemp(tempRoot), signal: io.signal });
        inventory = bundle.inventory;
        await bundle.close();
      } catch (err) {
        if (!(err instanceof BundleError)) throw err;
        writeLine(io.stderr, `mtr-doctor: ${err.message}`);
        return EXIT_BAD_INPUT;
      }
      io.stdout.write(o.json ? `${JSON.stringify(inventory, null, 2)}\n` : renderInventoryText(inventory));
      // The rule analyze uses too (bundle/analysable.ts): nothing here can be analysed, so exit 2 as analyze does.
      if (inventory.notABundle) {
        writeLine(io.stderr, `mtr-doctor: nothing could be analysed: ${printable(inventory.notABundle)}`);
        return EXIT_BAD_INPUT;
      }
      return EXIT_OK;
    },
  };
}

