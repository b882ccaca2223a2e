// Which devices a bundle's event records come from, and when. A bundle is one device's logs; a zip or folder
// that holds two rooms' logs mixes their evidence, and the healthy room's heartbeats would pass the other
// room's checks. Records name their computer: two names active over the same hours are two devices. A device
// renamed during setup has two names one after the other, which is not a mix.

export interface DeviceSpan {
  /** The computer name as the records write it (the first spelling seen). */
  computer: string;
  from: string;
  to: string;
  /** The logs whose evidence came from this computer. */
  sources: string[];
}

export class DeviceSpans {
  private readonly byName = new Map<string, DeviceSpan>();

  /** A record of `computer` at `time` in `source` (a blank name says nothing). */
  see(computer: string | null | undefined, time: string, source: string): void {
    if (!computer || !time) return;
    const key = computer.toUpperCase();
    const span = this.byName.get(key);
    if (!span) {
      this.byName.set(key, { computer, from: time, to: time, sources: [source] });
      return;
    }
    if (time < span.from) span.from = time;
    if (time > span.to) span.to = time;
    if (span.sources[span.sources.length - 1] !== source && !span.sources.includes(source)) span.sources.push(source);
  }

  /** Adds another set's spans (another log of the same bundle). */
  merge(other: DeviceSpans): void {
    for (const s of other.byName.values()) {
      for (const source of s.sources) {
        this.see(s.computer, s.from, source);
        this.see(s.computer, s.to, source);
      }
    }
  }

  get spans(): DeviceSpan[] {
    return [...this.byName.values()];
  }
}

/**
 * The devices whose records overlap in time with another device's: the bundle mixes their logs. Empty when
 * there is one device, or names that follow one another (a rename).
 */
export function overlappingDevices(spans: readonly DeviceSpan[]): DeviceSpan[] {
  const sorted = [...spans].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out = new Set<DeviceSpan>();
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i] as DeviceSpan;
      const b = sorted[j] as DeviceSpan;
      // b starts at or after a; they overlap when b starts before a ends.
      if (b.from < a.to) {
        out.add(a);
        out.add(b);
      }
    }
  }
  return sorted.filter((s) => out.has(s));
}

/** A bundle that mixes devices: which ones, and the warning that says so (also the reason no check can pass). */
export interface MixedDevices {
  computers: string[];
  text: string;
}

/** The warning (and the reason no check can pass) for a bundle that mixes devices. */
export function mixedDevicesText(devices: readonly DeviceSpan[]): string {
  const named = devices.map((d) => `${d.computer} (${d.sources.slice(0, 2).join(', ')}${d.sources.length > 2 ? ` and ${d.sources.length - 2} more` : ''})`);
  return `This bundle holds the logs of ${devices.length} devices over the same hours: ${named.join('; ')}. One device's health says nothing about another's sign-in, so no check can pass on this bundle. Analyse each device's logs on its own: a folder with a subfolder per device, or a folder of zips, opens as a fleet.`;
}
