// The renderer names no paths. A file reaches main's file system calls only through a handle that main
// issued when the technician picked it in the native dialog, dropped it on the window (the preload resolves
// the dropped File, which a page script cannot forge), or chose a bundled sample. A compromised renderer
// can pass handles around, but cannot turn a string of its own into a path.
import { randomUUID } from 'node:crypto';
import path from 'node:path';

export type GrantOrigin = 'dialog' | 'drop' | 'sample';

export interface FileGrant {
  handle: string;
  /** The name to show (the base name), never the full path. */
  name: string;
}

export class GrantRefused extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'GrantRefused';
  }
}

/** `\\server\share\…` or `//server/share/…`: opening it makes Windows contact that server (and offer credentials). */
export function isUncPath(p: string): boolean {
  return /^[\\/]{2}[^\\/?.]/.test(p) && !isDevicePath(p);
}

/** `\\?\…` and `\\.\…`: Win32 device and raw namespaces, which bypass path normalisation. */
export function isDevicePath(p: string): boolean {
  return /^[\\/]{2}[?.][\\/]/.test(p);
}

/** Handles are kept for the session; a bound keeps a renderer that drops files in a loop from growing the map forever. */
const MAX_GRANTS = 256;

export class FileGrants {
  private readonly grants = new Map<string, { path: string; origin: GrantOrigin }>();

  /**
   * Registers a path main obtained itself. UNC and device paths only from the dialog, where the
   * technician typed or browsed to them deliberately.
   */
  issue(file: string, origin: GrantOrigin): FileGrant {
    if (!file || file.includes('\0')) throw new GrantRefused('That file cannot be opened: it has no usable path.');
    const name = path.win32.basename(path.posix.basename(file)) || file;
    if (origin !== 'dialog' && (isUncPath(file) || isDevicePath(file))) {
      throw new GrantRefused(`${name} is on a network share or a device path; open it with Open zip… / Open folder… instead.`, name);
    }
    const handle = randomUUID();
    this.grants.set(handle, { path: file, origin });
    if (this.grants.size > MAX_GRANTS) {
      const oldest = this.grants.keys().next().value;
      if (oldest !== undefined) this.grants.delete(oldest);
    }
    return { handle, name };
  }

  /** The path behind a handle main issued; anything else is refused. */
  resolve(handle: string): string {
    const g = this.grants.get(handle);
    if (!g) throw new GrantRefused('That file was not chosen in this window; open it again with Open zip… / Open folder… or drop it.');
    return g.path;
  }
}
