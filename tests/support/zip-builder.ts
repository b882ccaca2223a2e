// Builds zip archives byte by byte, including the hostile ones no well-behaved zip library will write:
// escaping names, symlinks, "encrypted" flags, lying sizes. Test-only.
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawZipEntry {
  /** Stored exactly as given (backslashes, `..`, drive letters included). */
  name: string;
  data?: Buffer;
  /** Deflate (default) or store. */
  method?: 'deflate' | 'store';
  /** Mark as a Unix symbolic link (data is the link target). */
  symlink?: boolean;
  /** Set the "encrypted" general-purpose flag. */
  encrypted?: boolean;
  /** Declare a different uncompressed size than the real one. */
  declaredSize?: number;
  /**
   * Write no bytes of its own: the central directory points this name at the local header and data of
   * the entry with this index (the overlapping-entries bomb).
   */
  aliasOf?: number;
}

export function buildZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // Deflate each distinct buffer once: floods reuse one body many times.
  const deflated = new Map<Buffer, Buffer>();
  const written: { offset: number; crc: number; body: number; size: number; method: number }[] = [];
  for (const e of entries) {
    if (e.aliasOf !== undefined) {
      const target = written[e.aliasOf];
      if (!target) throw new Error(`aliasOf ${e.aliasOf}: no such earlier entry`);
      written.push(target);
      centrals.push(centralHeader(Buffer.from(e.name, 'utf8'), 0x0800, target.method, target.crc, target.body, target.size, false, target.offset));
      continue;
    }
    const data = e.data ?? Buffer.alloc(0);
    const method = e.method === 'store' ? 0 : 8;
    let packed = data;
    if (method === 8) {
      packed = deflated.get(data) ?? deflateRawSync(data);
      deflated.set(data, packed);
    }
    // ZipCrypto prefixes the data with a 12-byte encryption header.
    const body = e.encrypted ? Buffer.concat([Buffer.alloc(12, 0xa5), packed]) : packed;
    const name = Buffer.from(e.name, 'utf8');
    const flags = 0x0800 | (e.encrypted ? 0x1 : 0);
    const crc = crc32(data);
    const size = e.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 10); // dos time/date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    centrals.push(centralHeader(name, flags, method, crc, body.length, size, e.symlink ?? false, offset));
    written.push({ offset, crc, body: body.length, size, method });
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, cd, end]);
}

function centralHeader(name: Buffer, flags: number, method: number, crc: number, packed: number, size: number, symlink: boolean, offset: number): Buffer {
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so external attributes carry a mode
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(0, 12);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const mode = symlink ? 0o120777 : 0o100644;
  central.writeUInt32LE((mode << 16) >>> 0, 38);
  central.writeUInt32LE(offset, 42);
  return Buffer.concat([central, name]);
}
