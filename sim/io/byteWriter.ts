// Bytes appended to an array that grows when full, for the Parquet writer's pages and its Snappy
// blocks. Callers size it for their worst case (or close to it) so that it rarely grows.

export class ByteWriter {
  data: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Uint8Array(Math.max(16, Math.ceil(capacity)));
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    const grown = new Uint8Array(Math.max(2 * this.data.length, this.length + n));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }

  byte(b: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = b;
  }

  /** An unsigned LEB128 varint (Parquet's and Snappy's lengths). */
  varInt(value: number): void {
    while ((value & ~0x7f) !== 0) {
      this.byte((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    this.byte(value);
  }

  bytes(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}
