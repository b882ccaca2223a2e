// Evidence excerpts: the exact text, trimmed to something a sheet can print.
export function clip(text: string, max = 320): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
