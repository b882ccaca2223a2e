import type { CheckStatus, DiagnosisAction, DiagnosisState } from '../model/analysis';

export const STATUS_LABEL: Record<CheckStatus, string> = {
  fail: 'Fail',
  warn: 'Warning',
  pass: 'Pass',
  unknown: 'No data',
};

/** One glyph per verdict so status never relies on colour alone (print in black and white, colour blindness). */
export const STATUS_GLYPH: Record<CheckStatus, string> = {
  fail: '✕',
  warn: '!',
  pass: '✓',
  unknown: '?',
};

/** Times in the wizard and on the sheet read like everywhere else. */
export { formatUtc as formatTime } from '../model/display-format';

/** A room's Diagnosis state in a word or two (fleet rows, the stepper); the sentence is the Diagnosis' headline. */
export const STATE_LABEL: Record<DiagnosisState, string> = {
  'all-clear': 'all clear',
  failing: 'failing',
  undecided: 'undecided: not an all-clear',
  'not-analysable': 'not analysable',
};

/** The state as a heading or table cell ("All clear"): one spelling for the stepper and the fleet table. */
export const stateTitle = (state: DiagnosisState): string => STATE_LABEL[state].replace(/^./, (c) => c.toUpperCase());

/** What kind of action the first one is, in a word (fleet rows beside the check's title). */
export const ACTION_KIND_LABEL: Record<DiagnosisAction['kind'], string> = {
  current: 'failing now',
  resolved: 'resolved',
  risk: 'risk',
  unexplained: 'unhealthy, cause unknown',
};

/** How many rooms a fleet holds in each state, and its one-line summary: one rule for every fleet view. */
export interface FleetTally {
  rooms: number;
  byState: Record<DiagnosisState, number>;
  refused: number;
  notChecked: number;
  /** "9 rooms analysed: 6 failing, 2 undecided, 1 all clear · 2 refused": failing and undecided apart, never lumped. */
  line: string;
}

/** The states as counted words ("6 failing"); STATE_LABEL's undecided is a sentence, too long for a count. */
const STATE_WORD: Record<DiagnosisState, string> = { failing: 'failing', undecided: 'undecided', 'all-clear': 'all clear', 'not-analysable': 'not analysable' };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function fleetTally(fleet: { rows: readonly { state: DiagnosisState }[]; refused: readonly unknown[]; notChecked?: readonly unknown[] }): FleetTally {
  const byState: Record<DiagnosisState, number> = { failing: 0, undecided: 0, 'all-clear': 0, 'not-analysable': 0 };
  for (const r of fleet.rows) byState[r.state]++;
  const parts = (['failing', 'undecided', 'all-clear', 'not-analysable'] as const).filter((s) => byState[s] > 0 || s !== 'not-analysable').map((s) => `${byState[s]} ${STATE_WORD[s]}`);
  const refused = fleet.refused.length;
  const notChecked = fleet.notChecked?.length ?? 0;
  const rooms = fleet.rows.length;
  const line = [`${plural(rooms, 'room')} analysed${rooms ? `: ${parts.join(', ')}` : ''}`, `${refused} refused`, ...(notChecked ? [`${notChecked} not checked (no Teams Rooms account)`] : [])].join(' · ');
  return { rooms, byState, refused, notChecked, line };
}
