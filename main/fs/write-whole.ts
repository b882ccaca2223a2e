// Saving a findings sheet, a fleet CSV or a JSON result over a file the technician already has: the old file
// must stay whole until the new one is, and nobody (a viewer, a sync client, a test) may see half a file.
import { constants } from 'node:fs';
import { open, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Part files of this process: the pid and a count keep two saves (or two processes) apart. */
let parts = 0;

export type WholeContent = string | Uint8Array | ((file: Writable) => Promise<void>);

/** A save that failed on the file system: says which file and why, in a technician's words. */
export class SaveError extends Error {
  constructor(
    readonly target: string,
    readonly reason: string,
  ) {
    super(`Cannot save ${target}: ${reason}.`);
    this.name = 'SaveError';
  }
}

const FOLDER_GIVEN = 'that is a folder; give a file name';

/** File system error codes in a technician's words. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'its folder does not exist',
  EACCES: 'permission denied (or another program has the file open)',
  EPERM: 'permission denied (or another program has the file open)',
  EBUSY: 'another program has the file open',
  EISDIR: FOLDER_GIVEN,
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  EEXIST: 'files left by an earlier save are in the way (hidden .part files beside it)',
  ENAMETOOLONG: 'the path is too long for this system',
};

function reasonOf(err: NodeJS.ErrnoException): string {
  return REASONS[err.code ?? ''] ?? err.message;
}

/**
 * Writes `content` into a hidden part file beside `target`, then renames it over `target` (atomic on one volume;
 * on Windows it replaces the file unless another program holds it open, and that error is the one thrown).
 * A failed write removes the part file and leaves any earlier `target` as it was.
 * An existing special file (a device, a FIFO, a link to one) is written through instead: only regular files are replaced.
 */
export async function writeWhole(target: string, content: WholeContent, opts: { mode?: number } = {}): Promise<void> {
  // What the name leads to, through any symbolic link (a link to a device is the device).
  const st = await stat(target).catch(() => null);
  // A folder given as the file: refused before anything is written beside it (in its parent).
  if (st?.isDirectory()) throw new SaveError(target, FOLDER_GIVEN);
  // A device, FIFO or socket (/dev/stdout, a named pipe): written through, as a shell redirect would. Only a
  // regular file may be replaced; renaming over a device node would replace the node itself.
  if (st && !st.isFile()) return writeThrough(target, content);
  // Through a symbolic link to the file it names, as a plain write would: the rename must not replace the link.
  target = await realpath(target).catch(() => target);
  for (let attempt = 1; ; attempt++) {
    const part = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${++parts}.part`);
    let handle: FileHandle;
    try {
      // Created here and only here ('wx'): a file already of that name (a crashed run's leftover) is not ours.
      handle = await open(part, 'wx', opts.mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 4) continue;
      throw saveError(target, err);
    }
    try {
      await writeTo(handle, content);
      await rename(part, target);
    } catch (err) {
      await rm(part, { force: true }).catch(() => undefined);
      throw saveError(target, err);
    }
    return;
  }
}

/**
 * Writes into an existing special file in place: opened write-only, never created, truncated or renamed over.
 * A FIFO waits for its reader here, as a shell redirect does.
 */
async function writeThrough(target: string, content: WholeContent): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(target, constants.O_WRONLY);
  } catch (err) {
    throw saveError(target, err);
  }
  try {
    await writeTo(handle, content);
  } catch (err) {
    throw saveError(target, err);
  }
}

/** Writes all of `content` through `handle` and closes it, whatever happens. */
async function writeTo(handle: FileHandle, content: WholeContent): Promise<void> {
  if (typeof content === 'function') {
    const file = handle.createWriteStream();
    try {
      await content(file);
      file.end();
      await finished(file);
    } catch (err) {
      file.destroy();
      await finished(file).catch(() => undefined); // closed, so Windows lets the part file go
      throw err;
    }
  } else {
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
  }
}

/** File system errors name the hidden part file; the technician chose `target`. Other errors pass as they are. */
function saveError(target: string, err: unknown): unknown {
  const e = err as NodeJS.ErrnoException;
  return typeof e?.syscall === 'string' ? new SaveError(target, reasonOf(e)) : err;
}
