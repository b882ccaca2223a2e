import type { CheckStatus } from '../../../main/model/analysis';

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

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
