// Snappy compression for waterbed's Parquet pages: the algorithm of hyparquet-writer's snappyCompress
// (itself snappyjs, MIT, © 2016 Zhipeng Jia), hash for hash and byte for byte, but writing into one
// array sized for the worst case instead of a growing buffer a byte at a time. The series' three
// number columns are 5 MB each and mostly literal bytes, which that buffer copied piece by piece.

import { ByteWriter } from './byteWriter';

const MAX_HASH_TABLE_BITS = 14;
const MAX_OFFSET = 0xffff;
/** Bytes at the input's end that are never searched for a match (the reference implementation's margin). */
const INPUT_MARGIN = 15;
const hashTables: Uint32Array[] = [];

/** `input` Snappy-compressed (a raw block: its length as a varint, then literals and copies). */
export function snappyCompress(input: Uint8Array): Uint8Array {
  // Snappy's bound on the compressed size: 32 + n + n / 6, and 5 bytes for the length.
  const out = new ByteWriter(37 + input.length + Math.ceil(input.length / 6));
  out.varInt(input.length);
  compressInput(out, input);
  return out.bytes();
}

function hashFunc(key: number, shift: number): number {
  return Math.imul(key, 0x1e35a7bd) >>> shift;
}

function load32(a: Uint8Array, pos: number): number {
  return a[pos] + (a[pos + 1] << 8) + (a[pos + 2] << 16) + (a[pos + 3] << 24);
}

function equals32(a: Uint8Array, p1: number, p2: number): boolean {
  return a[p1] === a[p2] && a[p1 + 1] === a[p2 + 1] && a[p1 + 2] === a[p2 + 2] && a[p1 + 3] === a[p2 + 3];
}

function emitLiteral(out: ByteWriter, input: Uint8Array, ip: number, len: number): void {
  if (len <= 60) {
    out.byte((len - 1) << 2);
  } else {
    const value = len - 1;
    const bytes = value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x1000000 ? 3 : 4;
    out.byte((59 + bytes) << 2);
    for (let i = 0; i < bytes; i++) out.byte((value >>> (i * 8)) & 0xff);
  }
  out.reserve(len);
  out.data.set(input.subarray(ip, ip + len), out.length);
  out.length += len;
}

function emitCopyLessThan64(out: ByteWriter, offset: number, len: number): void {
  if (len < 12 && offset < 2048) {
    out.byte((1 + ((len - 4) << 2) + ((offset >>> 8) << 5)) & 0xff);
    out.byte(offset & 0xff);
  } else {
    out.byte((2 + ((len - 1) << 2)) & 0xff);
    out.byte(offset & 0xff);
    out.byte((offset >>> 8) & 0xff);
  }
}

function emitCopy(out: ByteWriter, offset: number, len: number): void {
  while (len >= 68) {
    emitCopyLessThan64(out, offset, 64);
    len -= 64;
  }
  if (len > 64) {
    emitCopyLessThan64(out, offset, 60);
    len -= 60;
  }
  emitCopyLessThan64(out, offset, len);
}

function compressInput(out: ByteWriter, input: Uint8Array): void {
  const inputSize = input.length;
  let hashTableBits = 1;
  while (1 << hashTableBits <= inputSize && hashTableBits <= MAX_HASH_TABLE_BITS) hashTableBits++;
  hashTableBits--;
  const shift = 32 - hashTableBits;
  const hashTable = (hashTables[hashTableBits] ??= new Uint32Array(1 << hashTableBits));
  hashTable.fill(0);

  let nextEmit = 0;
  if (inputSize >= INPUT_MARGIN) {
    const ipLimit = inputSize - INPUT_MARGIN;
    let ip = 1;
    let nextHash = hashFunc(load32(input, ip), shift);
    for (;;) {
      // Look for a match, skipping faster the longer none is found.
      let skip = 32;
      let nextIp = ip;
      let candidate = 0;
      do {
        ip = nextIp;
        const hash = nextHash;
        const bytesBetweenHashLookups = skip >>> 5;
        skip++;
        nextIp = ip + bytesBetweenHashLookups;
        if (ip > ipLimit) return emitRest(out, input, nextEmit);
        nextHash = hashFunc(load32(input, nextIp), shift);
        candidate = hashTable[hash];
        hashTable[hash] = ip;
      } while (ip - candidate > MAX_OFFSET || !equals32(input, ip, candidate));

      emitLiteral(out, input, nextEmit, ip - nextEmit);

      // Copies for as long as the bytes after one match again.
      do {
        const base = ip;
        let matched = 4;
        while (ip + matched < inputSize && input[ip + matched] === input[candidate + matched]) matched++;
        ip += matched;
        emitCopy(out, base - candidate, matched);
        nextEmit = ip;
        if (ip >= ipLimit) return emitRest(out, input, nextEmit);
        const prevHash = hashFunc(load32(input, ip - 1), shift);
        hashTable[prevHash] = ip - 1;
        const curHash = hashFunc(load32(input, ip), shift);
        candidate = hashTable[curHash];
        hashTable[curHash] = ip;
      } while (ip - candidate <= MAX_OFFSET && equals32(input, ip, candidate));

      ip++;
      nextHash = hashFunc(load32(input, ip), shift);
    }
  }
  emitRest(out, input, nextEmit);
}

/** The input from `nextEmit` on as the last literal. */
function emitRest(out: ByteWriter, input: Uint8Array, nextEmit: number): void {
  if (nextEmit < input.length) emitLiteral(out, input, nextEmit, input.length - nextEmit);
}
