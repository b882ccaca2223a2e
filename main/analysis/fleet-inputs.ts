// What the command line names → the bundles to analyse. A folder that holds event logs or Teams logs itself
// is one device bundle; a folder that holds zip files is a fleet of those zips.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { kindFromName } from '../bundle/classify';

export interface FleetInputs {
  bundles: string[];
  /** More than one bundle, or a folder of zips: the answer is a fleet table, not one room's sheet. */
  fleet: boolean;
}

/** Teams logs by name (Logs.txt, old_logs_*.txt, MSTeams_*.log, any .log); a notes.txt beside zips is not one. */
const TEAMS_LOG = /^(logs\.txt|old_logs_.*\.txt|.*\.log)$/i;

/** How deep to look for a device bundle's own logs (Logs/, Windows/Logs/… inside a collected folder). */
const MAX_DEPTH = 4;

async function holdsDeviceLogs(dir: string, depth = 0): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.isFile()) {
      if (kindFromName(e.name) === 'evtx' || TEAMS_LOG.test(e.name)) return true;
    }
  }
  if (depth >= MAX_DEPTH) return false;
  for (const e of entries) if (e.isDirectory() && (await holdsDeviceLogs(path.join(dir, e.name), depth + 1))) return true;
  return false;
}

/** Expands folders of zips; anything else (a zip, a bundle folder, a missing path) is passed on as one bundle. */
export async function expandFleetInputs(args: readonly string[]): Promise<FleetInputs> {
  const bundles: string[] = [];
  let folderOfZips = false;
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (!info?.isDirectory() || (await holdsDeviceLogs(arg))) {
      bundles.push(arg);
      continue;
    }
    const zips = (await readdir(arg, { withFileTypes: true }))
      .filter((e) => e.isFile() && kindFromName(e.name) === 'zip')
      .map((e) => path.join(arg, e.name))
      .sort();
    if (zips.length === 0) bundles.push(arg);
    else {
      folderOfZips = true;
      bundles.push(...zips);
    }
  }
  return { bundles, fleet: folderOfZips || bundles.length > 1 };
}
