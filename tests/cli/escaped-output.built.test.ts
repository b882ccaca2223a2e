// Issue 23.3 through the built CLI: escape sequences, BEL, OSC, CSI (U+009B) and bidi overrides carried by a
// bundle (Teams log lines, AAD event data, the device's name, entry and file names) or by an event log
// (Computer, event data, names) never reach the HTML sheet, the XML or JSON-lines dump, or stderr raw; each
// shows in its format's visible form (tests/support/raw-controls.ts lists the characters).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EvtxWriter } from '../../tools/evtx-writer';
import { repoRoot } from '../support/app-harness';
import { scenarioFiles } from '../support/bundles/build';
import { scenario, START } from '../support/bundles/scenarios';
import { hostileBundle, HOSTILE, VISIBLE, XML_FORM } from '../support/bundles/hostile-text';
import { rawControls } from '../support/raw-controls';
import { xmlProblem } from '../support/xml-well-formed';
import { buildZip } from '../support/zip-builder';

const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-cli-escapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(cli)) throw new Error('dist/cli/mtr-doctor.js is missing: run `npm run build` first (npm test does).');
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 28, env: { ...process.env, TMPDIR: dir } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('analyze --format html', () => {
  it('shows the controls of Teams log lines, AAD event data and the device name escaped once, none raw', () => {
    const zip = path.join(dir, 'hostile.zip');
    writeFileSync(zip, hostileBundle());
    for (const full of [false, true]) {
      const r = run(['analyze', zip, '--format', 'html', ...(full ? ['--full'] : [])]);
      expect(r.code, r.stderr).toBe(1);
      expect(rawControls(r.stdout)).toEqual([]);
      expect(rawControls(r.stderr)).toEqual([]);
      // The AAD evidence, the Teams evidence (license) and the device row all carry it, escaped exactly once.
      expect(r.stdout).toContain(`AADSTS53003: ${VISIBLE}`);
      expect(r.stdout).toContain(`licenseError ${VISIBLE}`);
      expect(r.stdout).toContain(`<dd>MTR${VISIBLE}`);
      expect(r.stdout).not.toContain('\\\\x1b');
      expect(r.stdout).not.toContain('\\\\u202e');
    }
  });
});

describe('evtx dumps', () => {
  /** Every code point the rule escapes: C0 but TAB, LF, CR; DEL and C1; ALM, LRM, RLM; the separators; the bidi controls. */
  const every = [
    ...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 0 && c !== 9 && c !== 10 && c !== 13),
    ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
    0x61c,
    0x200e,
    0x200f,
    0x2028,
    0x2029,
    0x202a,
    0x202b,
    0x202c,
    0x202d,
    0x202e,
    0x2066,
    0x2067,
    0x2068,
    0x2069,
  ]
    .map((c) => String.fromCharCode(c))
    .join('');

  function hostileLog(): string {
    // Several chunks, so that two workers each render some.
    const w = new EvtxWriter({ maxRecordsPerChunk: 50 });
    for (let i = 0; i < 600; i++) {
      w.add({
        time: new Date(Date.parse(START) + i * 1000).toISOString(),
        provider: { name: `Provider${i % 3 ? '' : HOSTILE}`, guid: '{4DE9BC9C-B27A-43C9-8994-0915F1A5E24F}' },
        eventId: 1098,
        level: 2,
        channel: 'Microsoft-Windows-AAD/Operational',
        computer: `MTR${HOSTILE}`,
        data: [
          { name: 'Short', value: `a${HOSTILE}` },
          { name: 'Long', value: `${'long text with <markup> & '.repeat(4)}${every}${HOSTILE}` },
          { name: 'Every', value: every },
          { name: 'Many', type: 'string[]', value: [HOSTILE, 'plain'] },
        ],
      });
    }
    const file = path.join(dir, 'hostile.evtx');
    writeFileSync(file, w.toBytes());
    return file;
  }

  it('--format xml, on one thread and in the worker pool: well-formed XML 1.0, no raw control, the same bytes', () => {
    const file = hostileLog();
    const outputs = ['1', '2'].map((workers) => {
      const r = run(['evtx', file, '--format', 'xml', '--workers', workers]);
      expect(r.code, r.stderr).toBe(0);
      expect(rawControls(r.stdout)).toEqual([]);
      expect(xmlProblem(`<Events>\n${r.stdout}</Events>`)).toBeNull();
      expect((r.stdout.match(/<Event xmlns/g) ?? []).length).toBe(600);
      // In element text (Computer, Data, string arrays) and attribute values (Provider Name).
      expect(r.stdout).toContain(`<Computer>MTR${XML_FORM}</Computer>`);
      expect(r.stdout).toContain(`<Data Name="Short">a${XML_FORM}</Data>`);
      expect(r.stdout).toContain(`<Data Name="Many">${XML_FORM}</Data>`);
      expect(r.stdout).toContain(`Name="Provider${XML_FORM}"`);
      expect(r.stdout).toContain('&amp; \\x01\\x02');
      expect(r.stdout).toContain('&#x7f;&#x80;');
      expect(r.stdout).toContain('&#x2066;&#x2067;&#x2068;&#x2069;');
      return r.stdout;
    });
    expect(outputs[1]).toBe(outputs[0]);
    // The one-thread default (the byte renderer) too.
    expect(run(['evtx', file, '--format', 'xml']).stdout).toBe(outputs[0]);
  });

  it('--format jsonl: controls and bidi as \\u escapes, the values unchanged once parsed', () => {
    const file = hostileLog();
    const r = run(['evtx', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    const first = JSON.parse(r.stdout.split('\n')[0] ?? '') as { computer: string; data: { named: Record<string, unknown> } };
    expect(first.computer).toBe(`MTR${HOSTILE}`);
    expect(first.data.named.Every).toBe(every);
  });
});

describe('stderr', () => {
  it('quotes file names, entry names and event log problems escaped, never raw', () => {
    const runs: { code: number | null; stderr: string }[] = [];
    // An event log whose name carries the sequences, unreadable: the refusal names it.
    const badLog = path.join(dir, `bad${HOSTILE}.evtx`);
    writeFileSync(badLog, 'not an event log');
    runs.push(run(['evtx', badLog]));
    // A bundle whose own name and whose entries' names carry them, written with --out to a name that does too.
    const rooms = path.join(dir, 'rooms');
    mkdirSync(rooms);
    const bundle = buildZip([
      ...scenarioFiles(scenario('license')).map((f) => ({ name: f.path, data: f.data })),
      { name: `Windows/EventLog/${HOSTILE}.evtx`, data: Buffer.from('garbage') },
    ]);
    writeFileSync(path.join(rooms, `room${HOSTILE}.zip`), bundle);
    writeFileSync(path.join(rooms, 'plain.zip'), bundle);
    runs.push(run(['analyze', path.join(rooms, `room${HOSTILE}.zip`), '--format', 'html', '--out', path.join(dir, `out${HOSTILE}.html`)]));
    // Two bundles: the fleet run's progress names each.
    runs.push(run(['analyze', rooms, '--format', 'csv']));
    for (const r of runs) {
      expect(r.stderr).toContain(VISIBLE);
      expect(rawControls(r.stderr)).toEqual([]);
    }
    expect(runs.map((r) => r.code)).toEqual([2, 1, 1]);
  });
});
