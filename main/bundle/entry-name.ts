// Entry names come from the archive's author, who may be hostile: normalise them, refuse escapes.

export type NameCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Normalises `\` to `/` and checks that the name stays inside the bundle:
 * no absolute paths, drive letters, UNC prefixes, `..` segments or NUL bytes.
 */
export function checkEntryName(raw: string): NameCheck {
  if (raw.length === 0) return { ok: false, reason: 'empty name' };
  if (raw.includes('\0')) return { ok: false, reason: 'NUL byte in name' };
  const name = raw.replace(/\\/g, '/');
  if (/^[a-zA-Z]:/.test(name)) return { ok: false, reason: 'absolute path with a drive letter' };
  if (name.startsWith('/')) return { ok: false, reason: 'absolute path' };
  const segments = name.split('/');
  if (segments.includes('..')) return { ok: false, reason: 'path escapes the bundle with ".."' };
  const clean = segments.filter((s) => s !== '' && s !== '.').join('/');
  if (clean === '') return { ok: false, reason: 'empty name' };
  return { ok: true, path: name.endsWith('/') ? `${clean}/` : clean };
}
