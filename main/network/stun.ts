// A STUN Binding request (RFC 5389 §6): 20 bytes, type 0x0001, length 0, the magic cookie and a random
// transaction id. The answer's XOR-MAPPED-ADDRESS is this network's public address as the relay saw it.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';

const MAGIC = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const MAPPED_ADDRESS = 0x0001;
const XOR_MAPPED_ADDRESS = 0x0020;

export function bindingRequest(transactionId: Buffer = randomBytes(12)): Buffer {
  const msg = Buffer.alloc(20);
  msg.writeUInt16BE(BINDING_REQUEST, 0);
  msg.writeUInt16BE(0, 2);
  msg.writeUInt32BE(MAGIC, 4);
  transactionId.copy(msg, 8, 0, 12);
  return msg;
}

/** The mapped address in a Binding success answer to `transactionId`, or null when `msg` is not that answer. */
export function parseBindingResponse(msg: Buffer, transactionId: Buffer): { address: string; port: number } | null {
  if (msg.length < 20 || msg.readUInt16BE(0) !== BINDING_SUCCESS || msg.readUInt32BE(4) !== MAGIC) return null;
  if (!msg.subarray(8, 20).equals(transactionId)) return null;
  const end = Math.min(msg.length, 20 + msg.readUInt16BE(2));
  let plain: { address: string; port: number } | null = null;
  for (let at = 20; at + 4 <= end; ) {
    const type = msg.readUInt16BE(at);
    const len = msg.readUInt16BE(at + 2);
    const value = msg.subarray(at + 4, at + 4 + len);
    if ((type === XOR_MAPPED_ADDRESS || type === MAPPED_ADDRESS) && value.length >= 8) {
      const xor = type === XOR_MAPPED_ADDRESS;
      const family = value[1];
      const port = value.readUInt16BE(2) ^ (xor ? MAGIC >>> 16 : 0);
      let address: string | null = null;
      if (family === 0x01) {
        const raw = value.readUInt32BE(4) ^ (xor ? MAGIC : 0);
        address = [raw >>> 24, (raw >>> 16) & 255, (raw >>> 8) & 255, raw & 255].join('.');
      } else if (family === 0x02 && value.length >= 20) {
        const key = Buffer.concat([msg.subarray(4, 8), transactionId]);
        const bytes = Buffer.from(value.subarray(4, 20).map((b, i) => (xor ? b ^ (key[i] ?? 0) : b)));
        address = (bytes.toString('hex').match(/.{4}/g) ?? []).join(':');
      }
      if (address && xor) return { address, port };
      if (address) plain ??= { address, port };
    }
    at += 4 + Math.ceil(len / 4) * 4;
  }
  return plain;
}

/** One Binding request over UDP (no retransmission: the caller's timeout is the only wait). */
export function stunOverUdp(address: string, port: number, signal: AbortSignal): Promise<{ address: string; port: number }> {
  return new Promise((resolve, reject) => {
    const id = randomBytes(12);
    const socket = dgram.createSocket(isIPv6(address) ? 'udp6' : 'udp4');
    const close = () => {
      signal.removeEventListener('abort', close);
      try {
        socket.close();
      } catch {
        // already closed
      }
    };
    signal.addEventListener('abort', close, { once: true });
    socket.on('message', (msg) => {
      const mapped = parseBindingResponse(msg, id);
      if (!mapped) return;
      close();
      resolve(mapped);
    });
    socket.once('error', (err) => {
      close();
      reject(err);
    });
    socket.send(bindingRequest(id), port, address);
  });
}
