// printable(): what a hostile name can carry never reaches a terminal as a control or bidi character.
import { describe, expect, it } from 'vitest';
import { printable, printableDeep } from '../../main/model/printable';

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

describe('printableDeep', () => {
  it('escapes every string at any depth, copies only what changes; keepLayout leaves TAB, LF and CR', () => {
    const clean = { a: ['x'], b: { c: 1 } };
    expect(printableDeep(clean)).toBe(clean);
    const value = { list: ['ok', 'a\u202eb'], nested: { raw: '<E>\n\t<D>\u001b</D>\r\n</E>' }, n: 3 };
    expect(printableDeep(value)).toEqual({ list: ['ok', 'a\\u202eb'], nested: { raw: '<E>\\x0a\\x09<D>\\x1b</D>\\x0d\\x0a</E>' }, n: 3 });
    const laid = printableDeep(value, true);
    expect(laid.nested.raw).toBe('<E>\n\t<D>\\x1b</D>\r\n</E>');
    expect(laid.list[0]).toBe('ok');
    expect(value.list[1]).toBe('a\u202eb');
  });
});
