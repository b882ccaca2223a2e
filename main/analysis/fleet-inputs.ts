// What the command line names → the bundles to analyse. A folder that holds event logs or Teams logs itself
// is one device bundle, unless two or more of its subfolders each hold a device's event logs (a folder per
// room): then each of those is a bundle. A folder without logs is a fleet of the zips in it and its subfolders.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
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

/** A folder's entries; an unreadable folder has none (the bundle reader says why if it is opened). */
async function entriesOf(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true }).catch(() => []);
}

/** The Teams logs the analysis reads (Logs.txt, old_logs_*.txt, MSTeams_*.log): what makes a subfolder a room. */
const ROOM_TEAMS_LOG = /^(logs\.txt|old_logs_.*\.txt|msteams.*\.log)$/i;

/**
 * Whether the folder holds a device's logs within MAX_DEPTH levels (`strict`: event logs and the Teams logs the
 * analysis reads, not any .log). Symlinks are not followed.
 */
async function holdsDeviceLogs(dir: string, depth = 0, strict = false): Promise<boolean> {
  const entries = await entriesOf(dir);
  for (const e of entries) {
    if (e.isFile()) {
      if (kindFromName(e.name) === 'evtx' || (strict ? ROOM_TEAMS_LOG : TEAMS_LOG).test(e.name)) return true;
    }
  }
  if (depth >= MAX_DEPTH) return false;
  for (const e of entries) if (e.isDirectory() && (await holdsDeviceLogs(path.join(dir, e.name), depth + 1, strict))) return true;
  return false;
}

/** Folders of a bundle's own layout: holding logs does not make them a device of their own. */
const LAYOUT_FOLDER = /^(windows|app|apps|appdata|config|logs?|eventlogs?|winevt|rigel|teams|msteams|microsoft|packages|localcache|roaming|local|archive|skype|srs)$/i;

/**
 * Subfolders that are each a device's logs: not a layout folder, holding event logs or Teams logs. Two or more
 * of them make the folder a fleet (a folder per room); a bundle's own subfolders (Windows, App, Config) never
 * do, and a folder whose own Windows/ or App/ holds logs is a bundle whatever else it holds.
 */
async function deviceFolders(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await entriesOf(dir)) {
    if (!e.isDirectory()) continue;
    const sub = path.join(dir, e.name);
    if (LAYOUT_FOLDER.test(e.name)) {
      // A Windows/ or App/ with logs: the folder is a device's bundle, whatever else it holds.
      if (await holdsDeviceLogs(sub, 1)) return [];
      continue;
    }
    if (await holdsDeviceLogs(sub, 1, true)) out.push(sub);
  }
  return out.sort();
}

/** How deep a folder of zips is searched: a site folder with a subfolder per building or visit. */
const MAX_ZIP_DEPTH = 3;

async function zipsUnder(dir: string, depth = 0): Promise<string[]> {
  const out: string[] = [];
  for (const e of await entriesOf(dir)) {
    const p = path.join(dir, e.name);
    if (e.isFile() && kindFromName(e.name) === 'zip') out.push(p);
    else if (e.isDirectory() && depth < MAX_ZIP_DEPTH) out.push(...(await zipsUnder(p, depth + 1)));
  }
  return out;
}

/**
 * Expands folders of zips and folders of device folders; anything else (a zip, a bundle folder, a missing
 * path) is passed on as one bundle. A bundle named twice is analysed once.
 */
export async function expandFleetInputs(args: readonly string[]): Promise<FleetInputs> {
  const bundles: string[] = [];
  let folderOfBundles = false;
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (!info?.isDirectory()) {
      bundles.push(arg);
      continue;
    }
    const devices = await deviceFolders(arg);
    if (devices.length >= 2) {
      // A folder per room (maybe with some rooms' zips beside them): never one bundle mixing their logs.
      folderOfBundles = true;
      bundles.push(...devices, ...(await entriesOf(arg)).filter((e) => e.isFile() && kindFromName(e.name) === 'zip').map((e) => path.join(arg, e.name)).sort());
      continue;
    }
    if (await holdsDeviceLogs(arg)) {
      bundles.push(arg);
      continue;
    }
    const zips = (await zipsUnder(arg)).sort();
    if (zips.length === 0) bundles.push(arg);
    else {
      folderOfBundles = true;
      bundles.push(...zips);
    }
  }
  const unique = await distinct(bundles);
  return { bundles: unique, fleet: folderOfBundles || unique.length > 1 };
}

/** The bundles without repeats: the same file named twice (or by two paths) is one room, not two rows. */
async function distinct(paths: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of paths) {
    const key = await realpath(p).catch(() => path.resolve(p));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
