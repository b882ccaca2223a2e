// Saving a findings sheet, a fleet CSV or a JSON result over a file the technician already has: the old file
// must stay whole until the new one is, and nobody (a viewer, a sync client, a test) may see half a file.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export type WholeContent = string | Uint8Array | ((file: Writable) => Promise<void>);

/**
 * Writes `content` into a hidden part file beside `target`, then renames it over `target` (atomic on one volume;
 * on Windows it replaces the file unless another program holds it open, and that error is the one thrown).
 * A failed write removes the part file and leaves any earlier `target` as it was.
 */
export async function writeWhole(target: string, content: WholeContent, opts: { mode?: number } = {}): Promise<void> {
  // Through a symbolic link to the file it names, as a plain write would: the rename must not replace the link.
  target = await realpath(target).catch(() => target);
  const part = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
  try {
    if (typeof content === 'function') {
      const file = createWriteStream(part, { flags: 'wx', mode: opts.mode });
      try {
        await content(file);
        file.end();
        await finished(file);
      } catch (err) {
        file.destroy();
        await finished(file).catch(() => undefined); // closed, so Windows lets the part file go
        throw err;
      }
    } else await writeFile(part, content, { flag: 'wx', mode: opts.mode });
    await rename(part, target);
  } catch (err) {
    await rm(part, { force: true }).catch(() => undefined);
    throw err;
  }
}
