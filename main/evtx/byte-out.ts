// A growable UTF-8 output buffer. XML is rendered straight into bytes: appending and then encoding
// strings of many small pieces (a cons string per piece, flattened, then encoded) costs several
// times more than copying the characters in once.
/** From this length on a native call beats a loop. */
const NATIVE_FROM = 24;
// eslint-disable-next-line no-control-regex -- any character outside ASCII
const NON_ASCII = /[^\x00-\x7f]/;

export class ByteOut {
  buf: Buffer;
  pos = 0;

  constructor(size = 1 << 16) {
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  private grow(need: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + need) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Appends `s` as UTF-8 (unpaired surrogates become U+FFFD, as any UTF-8 output of them does). */
  str(s: string): void {
    const n = s.length;
    if (this.pos + n * 3 > this.buf.length) this.grow(n * 3);
    const buf = this.buf;
    // Long strings natively (Latin-1 is a plain copy, right for ASCII); short ones char by char,
    // cheaper than a native call. Nearly all of any event log's XML is ASCII.
    if (n >= NATIVE_FROM) {
      this.pos += NON_ASCII.test(s) ? buf.write(s, this.pos, 'utf8') : buf.write(s, this.pos, 'latin1');
      return;
    }
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos += buf.write(s, this.pos, 'utf8');
        return;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
  }

  /** Appends bytes (UTF-8 already). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (this.pos + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    if (n >= NATIVE_FROM) {
      buf.set(b, this.pos);
    } else {
      const pos = this.pos;
      for (let i = 0; i < n; i++) buf[pos + i] = b[i] ?? 0;
    }
    this.pos += n;
  }

  /** The text from `start` to the end. */
  text(start: number): string {
    return this.buf.toString('utf8', start, this.pos);
  }

  /** A copy of the bytes so far, in an ArrayBuffer of its own (transferable; this buffer is reused). */
  copy(): Buffer {
    const bytes = Buffer.allocUnsafeSlow(this.pos);
    this.buf.copy(bytes, 0, 0, this.pos);
    return bytes;
  }
}

const scratch = new ByteOut();

/**
 * Text rendered by `render` into a shared scratch buffer. Calls nest (rendering text inside a
 * rendering): each takes the bytes it appended and leaves the buffer as it found it.
 */
export function textOf(render: (out: ByteOut) => void): string {
  const start = scratch.pos;
  try {
    render(scratch);
    return scratch.text(start);
  } finally {
    scratch.pos = start;
  }
}
