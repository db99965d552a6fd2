// Data pages of the two kinds that make up most of waterbed's Parquet files, encoded straight into
// byte arrays: numbers as BYTE_STREAM_SPLIT (series.parquet's value, lo and hi) and text as codes
// into a dictionary (RLE_DICTIONARY). hyparquet-writer encodes the same pages through a growing
// buffer one byte (and one bounds check) at a time, which for the series' 1.3 million rows took most
// of the time spent on series.parquet. The bytes are exactly hyparquet-writer's (a unit test holds
// them equal); parquet.ts wraps them in page headers and column chunks.

import { ByteWriter } from './byteWriter';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The numbers a BYTE_STREAM_SPLIT page of a required FLOAT or DOUBLE column holds. */
export type SplitNumbers = Float32Array | Float64Array;

/**
 * BYTE_STREAM_SPLIT: the first byte of every value, then every second byte, and so on (little-endian,
 * as Parquet stores numbers). Columns of measurements compress far better so: the exponent bytes
 * of neighbouring values are alike.
 */
export function byteStreamSplit(values: SplitNumbers): Uint8Array {
  const n = values.length;
  const width = values.BYTES_PER_ELEMENT;
  const out = new Uint8Array(n * width);
  if (LITTLE_ENDIAN) {
    // A 32-bit word at a time (a typed array of floats is always aligned to 4 bytes): one read gives four of the value's bytes.
    const words = new Uint32Array(values.buffer, values.byteOffset, (n * width) / 4);
    const perValue = width / 4;
    for (let half = 0; half < perValue; half++) {
      const o = half * 4 * n;
      for (let i = 0; i < n; i++) {
        const w = words[i * perValue + half];
        out[o + i] = w & 0xff;
        out[o + n + i] = (w >>> 8) & 0xff;
        out[o + 2 * n + i] = (w >>> 16) & 0xff;
        out[o + 3 * n + i] = w >>> 24;
      }
    }
    return out;
  }
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  // A big-endian machine holds each value's bytes the other way round.
  for (let b = 0; b < width; b++) {
    for (let i = 0; i < n; i++) out[b * n + i] = bytes[i * width + width - 1 - b];
  }
  return out;
}

/**
 * An RLE_DICTIONARY page's values: the bit width of the largest code, then the codes in Parquet's
 * RLE / bit-packing hybrid, with hyparquet-writer's choices (a run of 8 or more equal codes as a
 * run; otherwise groups of 8 bit-packed, pending groups flushed before a run).
 */
export function rleDictionaryCodes(codes: ArrayLike<number>): Uint8Array {
  let max = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] > max) max = codes[i];
  const bitWidth = Math.ceil(Math.log2(max + 1));
  const out = new ByteWriter(16 + Math.ceil((codes.length * bitWidth) / 8) + codes.length / 4);
  out.byte(bitWidth);
  hybrid(out, codes, bitWidth);
  return out.bytes();
}

function hybrid(out: ByteWriter, values: ArrayLike<number>, bitWidth: number): void {
  const n = values.length;
  let pendingGroups = 0;
  let packedStart = 0;
  let i = 0;
  while (i < n) {
    const first = values[i];
    let run = 1;
    while (i + run < n && values[i + run] === first) run++;
    if (run >= 8) {
      if (pendingGroups > 0) {
        bitPackedGroups(out, values, packedStart, pendingGroups, bitWidth);
        pendingGroups = 0;
      }
      out.varInt(run << 1);
      const width = (bitWidth + 7) >> 3;
      for (let j = 0; j < width; j++) out.byte((first >> (j << 3)) & 0xff);
      i += run;
    } else {
      if (pendingGroups === 0) packedStart = i;
      pendingGroups++;
      i += 8;
    }
  }
  if (pendingGroups > 0) bitPackedGroups(out, values, packedStart, pendingGroups, bitWidth);
}

function bitPackedGroups(out: ByteWriter, values: ArrayLike<number>, start: number, groups: number, bitWidth: number): void {
  out.varInt((groups << 1) | 1);
  if (bitWidth === 0) return;
  const mask = (1 << bitWidth) - 1;
  let buffer = 0;
  let bits = 0;
  const end = start + groups * 8;
  for (let idx = start; idx < end; idx++) {
    // The last group is padded with zeros.
    const v = idx < values.length ? values[idx] & mask : 0;
    buffer |= v << bits;
    bits += bitWidth;
    while (bits >= 8) {
      out.byte(buffer & 0xff);
      buffer >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out.byte(buffer & 0xff);
}
