// Every command answers --help (and -h) with its own usage on stdout and exit 0; bad arguments get the
// usage on stderr and exit 2. In process: main() is what dist/cli/mtr-doctor.js runs.
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli/mtr-doctor';
import { captureCli } from '../support/capture-cli';

const cli = (...argv: string[]) => captureCli((io) => main(argv, io));

describe('mtr-doctor <command> --help', () => {
  it.each([
    ['analyze', /^usage: mtr-doctor analyze \[bundle\.zip\|folder \.\.\.\] .*--cloud global\|usgov\|dod\|china.*--all-rooms/s],
    ['inventory', /^usage: mtr-doctor inventory <bundle\.zip\|folder> \[--json\]\n$/],
    ['evtx', /^usage: mtr-doctor evtx <file\.evtx> \[--format jsonl\|xml\]/],
  ])('%s --help prints its own usage and exits 0', async (command, usage) => {
    for (const flag of ['--help', '-h']) {
      const r = await cli(command, flag);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(usage);
    }
  });

  it('--help wins over other arguments, even ones that would be refused', async () => {
    const r = await cli('analyze', '--format', 'docx', '--help');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^usage: mtr-doctor analyze/);
  });

  it('an unknown option is refused with the command usage on stderr and exit 2', async () => {
    const r = await cli('inventory', '--jsn', 'x.zip');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^mtr-doctor inventory: Unknown option '--jsn'/);
    expect(r.stderr).toMatch(/usage: mtr-doctor inventory/);
  });

  it('the overall help lists every command and the four exit codes', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const c of ['analyze', 'inventory', 'evtx']) expect(r.stdout).toMatch(new RegExp(`mtr-doctor ${c} `));
    expect(r.stdout).toMatch(/3 internal error/);
  });
});
