// `analyze --live-network FILE`: a live test saved by `mtr-doctor network --format json` joins the analysis as
// its own section (and the network verdict with --on-room-network). The file is checked before it is trusted.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { LiveNetworkFact } from '../model/facts';
import { CliInputError } from './tenant-sign-in';

const status = z.enum(['pass', 'warn', 'fail', 'unknown']);
const evidence = z.object({ source: z.string(), locator: z.string(), time: z.string().nullable(), excerpt: z.string() }).loose();

/** The parts of a LiveNetworkFact the analysis reads; the probe's other fields pass through. */
const liveNetworkFile = z
  .object({
    kind: z.literal('live-network'),
    time: z.iso.datetime({ offset: true }),
    durationMs: z.number().nonnegative(),
    machine: z.string().max(256),
    interfaces: z.array(z.object({ name: z.string(), address: z.string(), family: z.string() }).loose()),
    cloud: z.string(),
    proxy: z.object({ url: z.string().nullable(), source: z.string(), pac: z.string().nullable(), notes: z.array(z.string()) }).loose(),
    verdict: status,
    summary: z.string(),
    incomplete: z.enum(['deadline', 'cancelled']).nullable(),
    endpoints: z.array(z.object({ id: z.string(), host: z.string(), port: z.number(), status, problem: z.string().nullable(), message: z.string(), steps: z.array(z.unknown()) }).loose()),
    evidence,
  })
  .loose();

export async function readLiveNetworkFile(file: string): Promise<LiveNetworkFact> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliInputError(`--live-network ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliInputError(`--live-network ${file}: not JSON; give the output of \`mtr-doctor network --format json\`.`);
  }
  const parsed = liveNetworkFile.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CliInputError(`--live-network ${file}: not a live network test (${first ? `${first.path.join('.') || 'top level'}: ${first.message}` : 'unexpected shape'}); give the output of \`mtr-doctor network --format json\`.`);
  }
  if (parsed.data.incomplete === 'cancelled') throw new CliInputError(`--live-network ${file}: that test was cancelled before it finished, so it says nothing about the network; run it again.`);
  return parsed.data as unknown as LiveNetworkFact;
}
