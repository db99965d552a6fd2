import { parquetMetadata, parquetReadObjects, snappyUncompress } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import { snappyCompress as hyparquetSnappy } from 'hyparquet-writer/src/snappy.js';
import { writeByteStreamSplit } from 'hyparquet-writer/src/splitstream.js';
import { describe, expect, it } from 'vitest';
import { parquetBytes, type CodedColumn, type ColumnSource } from '../../sim/io/parquet';
import { byteStreamSplit, rleDictionaryCodes } from '../../sim/io/parquetPages';
import { snappyCompress } from '../../sim/io/snappy';

// sim/io/parquetPages.ts encodes pages, and sim/io/snappy.ts compresses them, straight into byte
// arrays rather than through hyparquet-writer's byte-at-a-time buffer: their bytes, and so whole
// files, must be hyparquet-writer's exactly (series.parquet's bytes did not change when they came in).

/** A deterministic stream of numbers in [0, 1) (a linear congruential generator). */
function numbers(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Codes as the series' key columns have them (long runs, short runs, single values, a ragged end) or at random. */
function codePatterns(): Int32Array[] {
  const next = numbers(7);
  const runs: number[] = [];
  for (let k = 0; runs.length < 5000; k++) {
    const length = [1, 3, 7, 8, 9, 372, 2][k % 7];
    const code = Math.floor(next() * 40);
    for (let i = 0; i < length; i++) runs.push(code);
  }
  return [
    new Int32Array(0),
    Int32Array.of(0),
    new Int32Array(1001), // all zeros: bit width 0
    Int32Array.of(5, 5, 5, 5, 5, 5, 5, 5, 1, 2, 2, 2, 2, 2, 2, 2, 3), // a run of 8 is a run; of 7, packed
    Int32Array.from(runs),
    Int32Array.from({ length: 3333 }, () => Math.floor(next() * 300)),
    Int32Array.from({ length: 2000 }, (_, i) => i % 372), // the date column: months over and over
    Int32Array.from({ length: 999 }, () => Math.floor(next() * 70000)), // wide codes
  ];
}

/** What hyparquet-writer writes for an RLE_DICTIONARY page's values (its writeDataPageV2). */
function hyparquetCodes(codes: Int32Array): Uint8Array {
  const writer = new ByteWriter();
  let max = 0;
  for (const c of codes) if (c > max) max = c;
  const bitWidth = Math.ceil(Math.log2(max + 1));
  writer.appendUint8(bitWidth);
  writeRleBitPackedHybrid(writer, codes, bitWidth);
  return writer.getBytes();
}

function hyparquetSplit(values: Float32Array | Float64Array): Uint8Array {
  const writer = new ByteWriter();
  writeByteStreamSplit(writer, values, values instanceof Float32Array ? 'FLOAT' : 'DOUBLE', undefined);
  return writer.getBytes();
}

function floatColumns(): (Float32Array | Float64Array)[] {
  const next = numbers(11);
  const measured = (n: number) => Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : (next() - 0.2) * 10 ** Math.floor(next() * 8 - 3)));
  return [
    new Float32Array(0),
    Float32Array.of(1.5),
    Float32Array.from(measured(4099)),
    Float64Array.from(measured(1234)),
    Float32Array.of(NaN, Infinity, -Infinity, -0, 3.4e38, 1.2e-38),
  ];
}

describe('parquet pages encoded into byte arrays', () => {
  it('are the bytes hyparquet-writer writes for codes into a dictionary', () => {
    for (const codes of codePatterns()) expect(rleDictionaryCodes(codes)).toEqual(hyparquetCodes(codes));
  });

  it('are the bytes hyparquet-writer writes for numbers split by byte', () => {
    for (const values of floatColumns()) expect(byteStreamSplit(values)).toEqual(hyparquetSplit(values));
  });

  it('make the file hyparquet-writer’s own column writer makes, which reads back as written', async () => {
    const codes = codePatterns()[4].subarray(0, 4099); // the runs
    const dictionary = [...new Set(codes)].map((c) => `district-${c}`);
    // Codes in order of first appearance, as hyparquet-writer numbers a dictionary.
    const firstSeen = new Map([...new Set(codes)].map((c, i) => [c, i]));
    const ordered = Int32Array.from(codes, (c) => firstSeen.get(c)!);
    const value = floatColumns()[2] as Float32Array;
    const lo = Float64Array.from(value, (v) => v - 1);
    const split = (name: string, data: Float32Array | Float64Array | number[], type: 'FLOAT' | 'DOUBLE'): ColumnSource => ({ name, type, data, nullable: false, encoding: 'BYTE_STREAM_SPLIT', statistics: false });
    const coded: CodedColumn = { name: 'district', dictionary, codes: ordered };
    const fast = parquetBytes([coded, split('value', value, 'FLOAT'), split('lo', lo, 'DOUBLE')], { 'waterbed.version': 'test' });
    // A plain array of numbers and text per row take hyparquet-writer's writeColumn.
    const general = parquetBytes(
      [
        { name: 'district', type: 'STRING', data: Array.from(ordered, (c) => dictionary[c]), nullable: false, encoding: 'RLE_DICTIONARY', statistics: false },
        split('value', Array.from(value), 'FLOAT'),
        split('lo', Array.from(lo), 'DOUBLE'),
      ],
      { 'waterbed.version': 'test' },
    );
    expect(fast).toEqual(general);
    const buffer = fast.buffer.slice(fast.byteOffset, fast.byteOffset + fast.byteLength) as ArrayBuffer;
    expect(parquetMetadata(buffer).row_groups[0].columns.map((c) => c.meta_data?.encodings)).toEqual([['PLAIN', 'RLE_DICTIONARY'], ['BYTE_STREAM_SPLIT'], ['BYTE_STREAM_SPLIT']]);
    const rows = await parquetReadObjects({ file: buffer });
    expect(rows.map((r) => r.district)).toEqual(Array.from(ordered, (c) => dictionary[c]));
    expect(Float32Array.from(rows.map((r) => r.value as number))).toEqual(value);
    expect(Float64Array.from(rows.map((r) => r.lo as number))).toEqual(lo);
  });
});

describe('snappyCompress', () => {
  it('gives the bytes of hyparquet-writer’s compressor, which decompress to the input', () => {
    const next = numbers(3);
    const random = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
    const text = new TextEncoder().encode('cannabis,production,be-antwerpen,volume_kg;'.repeat(3000));
    // Repeats further apart than a copy can reach (64 KiB), and a literal longer than 2^16 bytes.
    const far = new Uint8Array(300_000);
    far.set(random(100), 0);
    far.set(far.subarray(0, 100), 70_000);
    far.set(random(80_000), 100_000);
    // Words from a vocabulary of 5000: which earlier word a lookup finds depends on the hash table's size.
    const vocabulary = Array.from({ length: 5000 }, () => random(8));
    const words = new Uint8Array(8 * 40_000);
    for (let i = 0; i < 40_000; i++) words.set(vocabulary[Math.floor(next() * vocabulary.length)], 8 * i);
    const inputs = [
      words,
      new Uint8Array(0),
      Uint8Array.of(7),
      random(14), // under the 15 bytes below which nothing is searched
      random(15),
      new Uint8Array(5000), // zeros: copies of every length
      text,
      far,
      random(200_000),
      byteStreamSplit(floatColumns()[2]),
      byteStreamSplit(floatColumns()[3]),
    ];
    for (const input of inputs) {
      const compressed = snappyCompress(input);
      expect(compressed).toEqual(hyparquetSnappy(input));
      const back = new Uint8Array(input.length);
      snappyUncompress(compressed, back);
      expect(back).toEqual(input);
    }
    expect(snappyCompress(text).length).toBeLessThan(text.length / 20);
  });
});

