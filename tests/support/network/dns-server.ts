// A tiny authoritative DNS server on UDP 127.0.0.1 for the live network tests: A records from a map,
// NXDOMAIN for anything else, names it never answers (a DNS server that drops queries) and names it refuses
// (REFUSED, as a resolver does for clients it does not serve).
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

export interface FakeDns {
  /** "127.0.0.1:PORT", as Resolver.setServers and --dns take it. */
  server: string;
  queries: string[];
  close(): Promise<void>;
}

function readName(msg: Buffer, at: number): { name: string; end: number } {
  const labels: string[] = [];
  let i = at;
  while (i < msg.length) {
    const len = msg[i] ?? 0;
    if (len === 0) return { name: labels.join('.').toLowerCase(), end: i + 1 };
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'));
    i += 1 + len;
  }
  throw new Error('truncated DNS name');
}

export function answer(query: Buffer, records: Map<string, string[]>, silent: Set<string>, refused: Set<string> = new Set()): Buffer | null {
  const { name, end } = readName(query, 12);
  if (silent.has(name)) return null;
  const qtype = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const known = records.get(name);
  const addresses = qtype === 1 ? (known ?? []) : [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  // QR, RD, RA; rcode 3 (NXDOMAIN) for unknown names, 0 with no answers for a known name without this record type,
  // 5 (REFUSED) with no answers for a refused name.
  const rcode = refused.has(name) ? 5 : known ? 0 : 3;
  header.writeUInt16BE(0x8180 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(rcode === 0 ? addresses.length : 0, 6);
  const answers = addresses.map((a) => {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    rr.writeUInt16BE(1, 2); // A
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6);
    rr.writeUInt16BE(4, 10);
    a.split('.').forEach((octet, i) => rr.writeUInt8(Number(octet), 12 + i));
    return rr;
  });
  return Buffer.concat([header, question, ...(rcode === 0 ? answers : [])]);
}

export async function startFakeDns(records: Record<string, string[]>, silent: string[] = [], refused: string[] = []): Promise<FakeDns> {
  const map = new Map(Object.entries(records).map(([k, v]) => [k.toLowerCase(), v]));
  const quiet = new Set(silent.map((s) => s.toLowerCase()));
  const refuse = new Set(refused.map((s) => s.toLowerCase()));
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    try {
      queries.push(readName(msg, 12).name);
      const reply = answer(msg, map, quiet, refuse);
      if (reply) socket.send(reply, rinfo.port, rinfo.address);
    } catch {
      // A malformed query gets no answer, as from a real server.
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return { server: `127.0.0.1:${port}`, queries, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}
