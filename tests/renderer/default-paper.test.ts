// The app's paper default follows the system locale, as a technician's printer does: Letter in the US and
// Canada, A4 in most of the world; the CLI has --paper for the same choice.
import { describe, expect, it } from 'vitest';
import { defaultPaper } from '../../renderer/src/store/report-slice';

describe('default paper', () => {
  it.each([
    ['en-US', 'Letter'],
    ['en-CA', 'Letter'],
    ['fr-CA', 'Letter'],
    ['es-MX', 'Letter'],
    ['en-GB', 'A4'],
    ['de-DE', 'A4'],
    ['en', 'Letter'],
    ['fr', 'A4'],
    ['ja-JP', 'A4'],
  ] as const)('%s → %s', (locale, paper) => {
    expect(defaultPaper(locale)).toBe(paper);
  });
  it('A4 when the locale is unknown', () => expect(defaultPaper(undefined)).toBe('A4'));
});
