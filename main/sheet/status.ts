import type { CheckStatus } from '../model/analysis';

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
