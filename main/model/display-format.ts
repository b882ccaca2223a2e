// How times and sizes read everywhere: checks' summaries, the CLI, the wizard and the findings sheet.
// Pure functions: the renderer imports this module too.

/** "2024-05-01 10:02 UTC": minutes are what a technician reads aloud. */
export function formatUtc(iso: string | null | undefined, missing = '—'): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : missing;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v >= 10 ? 0 : 1)} ${units[i]}`;
}
