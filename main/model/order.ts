// Ordering of ISO 8601 UTC times (and other machine text): plain code-unit order. It is what the times mean,
// and unlike localeCompare it costs nothing, which matters when weeks of heartbeats are sorted.
export function compareText(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
