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
