// The device clock can jump back (a reboot with a bad real-time clock, a failed time sync), but its logs are
// written in order: an event log's records one after another (EventRecordID), a Teams log line after line.
// When time runs backwards in write order, the last written is still the latest: each record after a jump
// is placed where it was written, its time moved forward by the jump, so "after the last failure" means
// after it in write order. The evidence keeps the time as the device wrote it, with a note.
//
// Only back-steps longer than CLOCK_JUMP_MS count. Windows' time service steps the clock (rather than
// slewing it) only past its phase-offset limit of a few minutes, and events of several threads land a few
// seconds out of order: such back-steps stay as written. A daylight saving change is no back-step at all:
// event logs write UTC, and Teams lines carry their UTC offset (lines without one are not judged).
import type { EvidenceField } from '../model/analysis';
import type { ClockJumpFact } from '../model/facts';
import { formatUtc } from '../model/display-format';
import { recordLocator } from './excerpt';

/**
 * Ten minutes: twice the heartbeat interval and the recovery window of the verdicts (RECOVERY_MS), above the
 * clock steps time sync makes and the disorder of concurrent writers.
 */
export const CLOCK_JUMP_MS = 10 * 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** One log's clock, in write order. */
export class WriteOrderClock {
  /** How far records are moved forward now (the sum of the jumps so far), in ms. */
  private offset = 0;
  /** The latest placed time so far (NaN: only `latestText` is known, nothing was parsed yet). */
  private latestMs = -Infinity;
  private latestText = '';
  /** The record before, as written: its time and where it is. */
  private prevMs = NaN;
  private prevText = '';
  private prevLocator = '';
  /** The record before, when it is an event record: its locator is made only if a jump needs it. */
  private prevRecordId: bigint | null = null;
  private prevEventId = 0;
  readonly jumps: ClockJumpFact[] = [];

  constructor(private readonly source: string) {}

  /**
   * Where an event record written at `written` (ISO UTC) belongs in time, as ISO: `written` itself unless the
   * clock jumped back before it.
   */
  place(written: string, recordId: bigint, eventId: number): string {
    // The usual case, a clock that never jumped: text comparison of same-form ISO times, nothing parsed or made.
    if (this.offset === 0 && written >= this.latestText) {
      this.latestText = written;
      this.latestMs = NaN;
      this.prevText = written;
      this.prevMs = NaN;
      this.prevLocator = '';
      this.prevRecordId = recordId;
      this.prevEventId = eventId;
      return written;
    }
    const writtenMs = Date.parse(written);
    if (Number.isNaN(writtenMs)) return written;
    if (Number.isNaN(this.latestMs)) this.latestMs = Date.parse(this.latestText);
    if (this.prevRecordId !== null && !this.prevLocator) this.prevLocator = recordLocator(this.prevRecordId, this.prevEventId);
    const placed = this.placeParsed(writtenMs, recordLocator(recordId, eventId));
    this.prevRecordId = recordId;
    this.prevEventId = eventId;
    this.latestText = iso(this.latestMs);
    return this.offset === 0 ? written : iso(placed);
  }

  /** The same for a Teams log line written at `writtenMs`: its time in write order, in ms. */
  placeLine(writtenMs: number, line: number): number {
    if (this.offset === 0 && writtenMs >= this.latestMs) {
      this.latestMs = writtenMs;
      this.prevMs = writtenMs;
      this.prevLocator = '';
      this.prevLine = line;
      return writtenMs;
    }
    return this.placeParsed(writtenMs, `line ${line}`);
  }

  private prevLine = 0;

  private placeParsed(writtenMs: number, locator: string): number {
    let placed = writtenMs + this.offset;
    if (placed < this.latestMs - CLOCK_JUMP_MS) {
      const step = this.latestMs - placed;
      const beforeMs = Number.isNaN(this.prevMs) ? Date.parse(this.prevText) : this.prevMs;
      const beforeLocator = this.prevLocator || (this.prevLine ? `line ${this.prevLine}` : '');
      const before = Number.isNaN(beforeMs) ? null : iso(beforeMs);
      const written = iso(writtenMs);
      this.jumps.push({
        kind: 'clock-jump',
        time: iso(this.latestMs),
        from: before ?? iso(this.latestMs - this.offset),
        to: written,
        stepMs: step,
        evidence: {
          source: this.source,
          locator: beforeLocator ? `${beforeLocator} → ${locator}` : locator,
          time: written,
          excerpt: `The device clock went back ${durationText(step)}: ${before && beforeLocator ? `${beforeLocator} was written at ${formatUtc(before)}, ` : ''}${locator} at ${formatUtc(written)}.`,
        },
      });
      this.offset += step;
      placed = this.latestMs;
    }
    if (placed > this.latestMs) this.latestMs = placed;
    this.prevMs = writtenMs;
    this.prevLocator = locator;
    return placed;
  }
}

/** The note a moved record's evidence carries: its time is the device's, its place is its write order. */
export function clockField(written: string, placed: string): EvidenceField {
  return {
    label: 'Device clock',
    value: `written at ${formatUtc(written)} by a clock that had jumped back; placed in write order, about ${formatUtc(placed)}`,
  };
}

export function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** The warning for one log whose clock jumped back: from when to when, which records, and what was done. */
export function clockJumpWarning(source: string, jumps: readonly ClockJumpFact[]): { source: string; message: string } {
  const first = jumps[0] as ClockJumpFact;
  const more = jumps.length > 1 ? ` (and ${jumps.length - 1} more time${jumps.length === 2 ? '' : 's'})` : '';
  return {
    source,
    message: `The device clock jumped back ${durationText(first.stepMs)}${more}: ${first.evidence.excerpt.replace(/^The device clock went back [^:]*: /, '').replace(/\.$/, '')}. The records are judged in the order they were written, so the last written counts as the latest; their times are shown as the device wrote them.`,
  };
}
