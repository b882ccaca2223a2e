// The app's own scratch space. Everything MTR Doctor extracts lives under one folder it owns,
// one session directory per opened bundle, removed when the bundle is closed.
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function defaultTempRoot(): string {
  return path.join(os.tmpdir(), 'mtr-doctor');
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export class AppTemp {
  constructor(readonly root: string = defaultTempRoot()) {}

  /** A fresh private directory (0700) for one bundle. */
  async createSession(): Promise<string> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    return mkdtemp(path.join(this.root, 'session-'));
  }

  /** Removes a session directory, refusing anything that is not inside the root. */
  async removeSession(dir: string): Promise<void> {
    if (!isInside(path.resolve(dir), path.resolve(this.root))) {
      throw new Error(`refusing to remove ${dir}: not inside ${this.root}`);
    }
    await rm(dir, { recursive: true, force: true });
  }

  /** Sessions left behind by a crash are removed on the next start once they are this old. */
  async sweep(maxAgeMs = 24 * 3600 * 1000, now = Date.now()): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return 0;
    }
    for (const name of names) {
      if (!name.startsWith('session-')) continue;
      const dir = path.join(this.root, name);
      try {
        if (now - (await stat(dir)).mtimeMs > maxAgeMs) {
          await this.removeSession(dir);
          removed += 1;
        }
      } catch {
        // Another instance may be removing it at the same time.
      }
    }
    return removed;
  }
}
