// Runs a CLI entry in process with captured stdout and stderr: the command sees real streams.
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../main/cli/io';

export async function captureCli(run: (io: CliIo) => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await run({ stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
