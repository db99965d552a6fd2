import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvWriter, csvField, csvLine, formatNumber, writeCsv } from '../../sim/io/csv';
import { roundToDigits } from '../../sim/io/numbers';

const dirs: string[] = [];
const tmpDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-csv-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('formatNumber', () => {
  it('is compact: up to 6 significant digits, no trailing zeros', () => {
    expect(formatNumber(1)).toBe('1');
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(1 / 3)).toBe('0.333333');
    expect(formatNumber(2 / 3)).toBe('0.666667');
    expect(formatNumber(123.456789)).toBe('123.457');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-42.00001)).toBe('-42');
  });

  it('uses no exponent for ordinary magnitudes', () => {
    expect(formatNumber(1234567)).toBe('1234570');
    expect(formatNumber(98765432109)).toBe('98765400000');
    expect(formatNumber(0.000123456789)).toBe('0.000123457');
    expect(formatNumber(0.00000123)).toBe('0.00000123');
  });

  it('writes 0 for zero, negative zero and values that round to zero', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-1e-320)).not.toBe('-0');
  });

  it('writes NA as an empty field and infinities as Inf', () => {
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(Infinity)).toBe('Inf');
    expect(formatNumber(-Infinity)).toBe('-Inf');
  });

  it('gives the digits of toPrecision(6) across magnitudes and signs', () => {
    const reference = (x: number) => {
      const r = Number(x.toPrecision(6));
      return r === 0 ? '0' : String(r);
    };
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 200_000; i++) {
      const x = (next() - 0.3) * 10 ** Math.floor(next() * 30 - 10);
      expect(formatNumber(x)).toBe(reference(x));
    }
    for (const x of [1e-6, 999999.5, 99999.95, 0.1, 1e5, 1e15, 123456789012345, 1e21, 1e-7, 5e-324]) {
      expect(formatNumber(x)).toBe(reference(x));
      expect(formatNumber(-x)).toBe(reference(-x));
    }
    expect(formatNumber(999999.5)).toBe('1000000');
  });

  it('rounds to 1 to 12 significant digits as toPrecision does (roundToDigits)', () => {
    let state = 999;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const same = (x: number, digits: number) => {
      const r = Number(x.toPrecision(digits));
      expect(roundToDigits(x, digits)).toBe(r === 0 ? 0 : r);
    };
    for (let digits = 1; digits <= 12; digits++) {
      for (let i = 0; i < 40_000; i++) same((next() - 0.3) * 10 ** Math.floor(next() * 30 - 10), digits);
      // Ties in decimal (…5 at the digit after the last kept), where the binary value decides.
      for (let i = 0; i < 2000; i++) same((Math.floor(next() * 10 ** digits) * 10 + 5) / 10 ** Math.floor(next() * 8), digits);
      for (const x of [1e-6, 0.95, 9.5, 99.95, 999999.5, 0.1, 1e15, 1e21, 1e-7, 5e-324, 1.7976931348623157e308]) {
        same(x, digits);
        same(-x, digits);
      }
    }
    expect(Object.is(roundToDigits(-0, 3), 0)).toBe(true);
    expect(roundToDigits(NaN, 3)).toBeNaN();
    expect(roundToDigits(-Infinity, 3)).toBe(-Infinity);
  });

  it('round-trips to within 6 significant digits', () => {
    for (let i = 0; i < 1000; i++) {
      const x = Math.sin(i * 12.9898) * 10 ** ((i % 12) - 4);
      const y = Number(formatNumber(x));
      expect(Math.abs(y - x)).toBeLessThanOrEqual(Math.abs(x) * 5e-6);
    }
  });
});

describe('CSV quoting', () => {
  it('quotes only fields with commas, quotes or line breaks', () => {
    expect(csvField('be-antwerpen')).toBe('be-antwerpen');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\n');
  });
});

describe('CsvWriter', () => {
  it('streams a header and rows, across several chunks', async () => {
    const file = path.join(tmpDir(), 'out.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => [String(i), `name ${i}`, i % 7 === 0 ? 'x,"y"' : 'plain']);
    await writeCsv(file, ['id', 'name', 'note'], rows);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('id,name,note');
    expect(lines[1]).toBe('0,name 0,"x,""y"""');
    expect(lines[2]).toBe('1,name 1,plain');
    expect(lines[60_000]).toBe('59999,name 59999,plain');
    expect(lines[60_001]).toBe('');
    expect(lines).toHaveLength(60_002);
  });

  it('writes UTF-8 and refuses rows of the wrong width and writes after close', async () => {
    const file = path.join(tmpDir(), 'out.csv');
    const w = await CsvWriter.open(file, ['a', 'b']);
    await w.writeRow(['Liège', '’s-Hertogenbosch']);
    await expect(w.writeRow(['only one'])).rejects.toThrow(/1 cells, header has 2/);
    await w.close();
    await w.close(); // idempotent
    await expect(w.writeRow(['x', 'y'])).rejects.toThrow(/after close/);
    expect(fs.readFileSync(file, 'utf8')).toBe('a,b\nLiège,’s-Hertogenbosch\n');
  });

  it('appends encoded lines in blocks, in order with single lines and across chunks', async () => {
    const file = path.join(tmpDir(), 'out.csv');
    const w = await CsvWriter.open(file, ['i', 'text']);
    await w.writeEncodedLine('0,first\n');
    await w.writeEncodedLines([]);
    // ~1.5 MB in blocks of 1000 lines: the writer flushes its ~1 MB chunks between and inside blocks.
    for (let block = 0; block < 30; block++) await w.writeEncodedLines(Array.from({ length: 1000 }, (_, j) => `${1 + block * 1000 + j},${'x'.repeat(40)}\n`));
    await w.writeEncodedLine('30001,last\n');
    await w.close();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(30_004);
    expect(lines.slice(0, 3)).toEqual(['i,text', '0,first', `1,${'x'.repeat(40)}`]);
    expect(lines.slice(1, -1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 30_002 }, (_, i) => i));
    expect(lines.at(-2)).toBe('30001,last');
  });
});
