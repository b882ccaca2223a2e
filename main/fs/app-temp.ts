// The app's own scratch space. Everything MTR Doctor extracts lives under one folder it owns,
// one session directory per opened bundle, removed when the bundle is closed.
import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rm, rmdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function defaultTempRoot(): string {
  return path.join(os.tmpdir(), 'mtr-doctor');
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const SESSION_PREFIX = 'session-';
/** Session folders carry the pid, so an interrupted process can find even one whose creation it never saw finish. */
const OWN_PREFIX = `${SESSION_PREFIX}${process.pid}-`;

/** Roots of every AppTemp of this process that has created a session. */
const rootsInUse = new Set<string>();
/** Roots this process created: removed again once empty, so a run leaves no empty `mtr-doctor/` behind. */
const rootsMade = new Set<string>();

/** Removes a root this process made, if nothing is left in it (rmdir refuses a folder that is not empty). */
function dropRootIfEmptySync(root: string): void {
  if (!rootsMade.has(root)) return;
  try {
    rmdirSync(root);
    rootsMade.delete(root);
  } catch {
    // Not empty (another session, another instance): it stays.
  }
}

/**
 * Removes, synchronously, every session folder this process created under any AppTemp root: for a signal
 * handler about to exit, where the asynchronous close of a bundle will never run.
 */
export function removeOwnSessionsSync(): void {
  for (const root of rootsInUse) {
    let names: string[];
    try {
      names = readdirSync(root);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(OWN_PREFIX)) continue;
      try {
        rmSync(path.join(root, name), { recursive: true, force: true, maxRetries: 2 });
      } catch {
        // An open file on Windows: the sweep at the next start removes it.
      }
    }
    dropRootIfEmptySync(root);
  }
}

export class AppTemp {
  constructor(readonly root: string = defaultTempRoot()) {}

  /** A fresh private directory (0700) for one bundle. */
  async createSession(): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      // mkdir answers the first folder it made: the root is ours to remove when empty only if we made it.
      if ((await mkdir(this.root, { recursive: true, mode: 0o700 })) !== undefined) rootsMade.add(this.root);
      rootsInUse.add(this.root);
      try {
        return await mkdtemp(path.join(this.root, OWN_PREFIX));
      } catch (err) {
        // Another instance removed the empty root between the two calls: make it again.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 2) throw err;
      }
    }
  }

  /** Removes a session directory, refusing anything that is not inside the root. */
  async removeSession(dir: string): Promise<void> {
    if (!isInside(path.resolve(dir), path.resolve(this.root))) {
      throw new Error(`refusing to remove ${dir}: not inside ${this.root}`);
    }
    await rm(dir, { recursive: true, force: true });
    if (rootsMade.has(this.root)) {
      await rmdir(this.root).then(
        () => rootsMade.delete(this.root),
        () => undefined, // not empty: another session is still in it
      );
    }
  }

  /**
   * Sessions left behind by a crash or a kill are removed on the next start once they are this old.
   * Only real directories named `session-*` directly inside a root that is a real directory owned by
   * this user: a link planted in a shared temp folder cannot point the sweep anywhere else.
   */
  async sweep(maxAgeMs = 24 * 3600 * 1000, now = Date.now()): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      const root = await lstat(this.root);
      if (!root.isDirectory() || (process.getuid && root.uid !== process.getuid())) return 0;
      names = await readdir(this.root);
    } catch {
      return 0;
    }
    for (const name of names) {
      if (!name.startsWith(SESSION_PREFIX)) continue;
      const dir = path.join(this.root, name);
      try {
        const st = await lstat(dir);
        if (st.isDirectory() && now - st.mtimeMs > maxAgeMs) {
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
