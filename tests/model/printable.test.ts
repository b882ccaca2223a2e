// printable(): what a hostile name can carry never reaches a terminal as a control or bidi character.
import { describe, expect, it } from 'vitest';
import { printable } from '../../main/model/printable';

describe('printable', () => {
  it('escapes C0, DEL, C1, line separators and bidi controls, and leaves the rest alone', () => {
    expect(printable('a\u001b[2Jb\u0007c\nd\re\tf')).toBe('a\\x1b[2Jb\\x07c\\x0ad\\x0de\\x09f');
    expect(printable('x\u007fy\u009bz')).toBe('x\\x7fy\\x9bz');
    expect(printable('evil\u202egol.exe')).toBe('evil\\u202egol.exe');
    expect(printable('\u200e\u200f\u061c\u2066\u2069\u2028\u2029')).toBe('\\u200e\\u200f\\u061c\\u2066\\u2069\\u2028\\u2029');
    const plain = 'C:\\Windows\\System32\\winevt\\Logs\\Microsoft-Windows-AAD%4Operational.evtx · Zoë 会议室 😀';
    expect(printable(plain)).toBe(plain);
  });
});
