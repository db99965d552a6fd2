import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ResultsFolderError, writeFileAtomically, WriteInterruptedError, writeResultsAtomically } from '../../sim/io/atomic';

const ROOT = path.resolve(__dirname, '../..');
const dirs: string[] = [];
const scratch = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'waterbed-atomic-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Everything in `parent` except `keep`: leftovers of temporary or set-aside folders. */
const leftovers = (parent: string, keep: string[] = []) => fs.readdirSync(parent).filter((n) => !keep.includes(n));

describe('writeResultsAtomically', () => {
  it('publishes a complete folder and leaves nothing else behind', async () => {
    const parent = scratch();
    const out = path.join(parent, 'nested', 'run');
    let seenTmp = '';
    const result = await writeResultsAtomically(out, async (tmp) => {
      seenTmp = tmp;
      expect(path.dirname(tmp)).toBe(path.dirname(out));
      expect(path.basename(tmp)).toMatch(new RegExp(`^run\\.tmp-${process.pid}-[0-9a-f]{8}$`));
      expect(fs.existsSync(out)).toBe(false);
      fs.writeFileSync(path.join(tmp, 'manifest.json'), '{}\n');
      fs.mkdirSync(path.join(tmp, 'sub'));
      fs.writeFileSync(path.join(tmp, 'sub', 'x.csv'), 'a\n');
    });
    expect(result).toBe(path.resolve(out));
    expect(fs.existsSync(seenTmp)).toBe(false);
    expect(fs.readFileSync(path.join(out, 'sub', 'x.csv'), 'utf8')).toBe('a\n');
    expect(leftovers(path.join(parent, 'nested'), ['run'])).toEqual([]);
  });

  it('removes the temporary folder when writing fails', async () => {
    const parent = scratch();
    const out = path.join(parent, 'run');
    await expect(writeResultsAtomically(out, (tmp) => {
      fs.writeFileSync(path.join(tmp, 'half.csv'), 'a,b\n1,');
      throw new Error('disk on fire');
    })).rejects.toThrow('disk on fire');
    expect(leftovers(parent)).toEqual([]);
  });

  it('replaces an existing results folder only once the new one is complete', async () => {
    const parent = scratch();
    const out = path.join(parent, 'run');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'manifest.json'), 'old');
    fs.writeFileSync(path.join(out, 'stale.csv'), 'old');
    await writeResultsAtomically(out, (tmp) => {
      expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('old');
      fs.writeFileSync(path.join(tmp, 'manifest.json'), 'new');
    });
    expect(fs.readdirSync(out)).toEqual(['manifest.json']);
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('new');
    expect(leftovers(parent, ['run'])).toEqual([]);
  });

  it('keeps the old results when the new ones fail', async () => {
    const parent = scratch();
    const out = path.join(parent, 'run');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'manifest.json'), 'old');
    await expect(writeResultsAtomically(out, async () => {
      throw new Error('nope');
    })).rejects.toThrow('nope');
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('old');
    expect(leftovers(parent, ['run'])).toEqual([]);
  });

  it('replaces an empty folder', async () => {
    const out = path.join(scratch(), 'run');
    fs.mkdirSync(out);
    await writeResultsAtomically(out, (tmp) => fs.writeFileSync(path.join(tmp, 'manifest.json'), '{}'));
    expect(fs.readdirSync(out)).toEqual(['manifest.json']);
  });

  it('refuses to replace a folder that is not a results folder, or a file, before writing', async () => {
    const parent = scratch();
    const home = path.join(parent, 'home');
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, 'thesis.docx'), 'precious');
    let called = false;
    await expect(writeResultsAtomically(home, () => { called = true; })).rejects.toThrow(ResultsFolderError);
    await expect(writeResultsAtomically(home, () => { called = true; })).rejects.toThrow(/no manifest\.json.*refusing/);
    const file = path.join(parent, 'file');
    fs.writeFileSync(file, 'x');
    await expect(writeResultsAtomically(file, () => { called = true; })).rejects.toThrow(/not a folder/);
    expect(called).toBe(false);
    expect(fs.readFileSync(path.join(home, 'thesis.docx'), 'utf8')).toBe('precious');
    expect(leftovers(parent).sort()).toEqual(['file', 'home']);
  });

  it('cleans up on SIGINT and rejects when another listener keeps the process alive', async () => {
    const parent = scratch();
    const out = path.join(parent, 'run');
    const other = () => {};
    process.on('SIGINT', other);
    const before = { int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM'), exit: process.listenerCount('exit') };
    try {
      const pending = writeResultsAtomically(out, async (tmp) => {
        fs.writeFileSync(path.join(tmp, 'series.csv'), 'date\n');
        expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
        process.emit('SIGINT', 'SIGINT');
        expect(fs.existsSync(tmp)).toBe(false); // removed synchronously by the handler
        await new Promise((r) => setTimeout(r, 5));
        fs.writeFileSync(path.join(tmp, 'summary.json'), '{}'); // fails: the folder is gone
      });
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WriteInterruptedError);
      expect((error as WriteInterruptedError).signal).toBe('SIGINT');
      expect(leftovers(parent)).toEqual([]);
      expect(process.listenerCount('SIGINT')).toBe(before.int);
      expect(process.listenerCount('SIGTERM')).toBe(before.term);
      expect(process.listenerCount('exit')).toBe(before.exit);
    } finally {
      process.removeListener('SIGINT', other);
    }
  });
});

describe('writeFileAtomically', () => {
  it('writes or replaces a file and leaves no temporary sibling', async () => {
    const parent = scratch();
    const file = path.join(parent, 'table.csv');
    await writeFileAtomically(file, 'a\n');
    await writeFileAtomically(file, new Uint8Array([98, 10]));
    expect(fs.readFileSync(file, 'utf8')).toBe('b\n');
    expect(leftovers(parent)).toEqual(['table.csv']);
  });

  it('leaves nothing behind when the file cannot be put in place', async () => {
    const parent = scratch();
    // A folder with a file in it where the file should go: the rename fails.
    const blocked = path.join(parent, 'report.html');
    fs.mkdirSync(blocked);
    fs.writeFileSync(path.join(blocked, 'x'), 'x');
    await expect(writeFileAtomically(blocked, 'new')).rejects.toThrow();
    expect(leftovers(parent)).toEqual(['report.html']);
    expect(fs.readdirSync(blocked)).toEqual(['x']);
  });
});

/** Runs a script in a child Node process with ts-node, so the module under test runs from source. */
function child(script: string, onReady: (pid: number) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    proc.stdout.on('data', (d) => {
      if (String(d).includes('ready')) onReady(proc.pid!);
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const childScript = (out: string, inWrite: string) => `
  const fs = require('node:fs');
  const path = require('node:path');
  const { writeResultsAtomically } = require(${JSON.stringify(path.join(ROOT, 'sim/io/atomic.ts'))});
  writeResultsAtomically(${JSON.stringify(out)}, async (tmp) => {
    fs.writeFileSync(path.join(tmp, 'series.csv'), 'date\\n2012-01\\n');
    ${inWrite}
  }).then(() => console.log('finished'), (e) => { console.error(e); process.exit(2); });
`;

describe('writeResultsAtomically in a process that is stopped', () => {
  it('SIGTERM while writing: the process ends by the signal and no folder remains', async () => {
    const parent = scratch();
    const out = path.join(parent, 'run');
    const result = await child(
      childScript(out, `console.log('ready'); await new Promise((r) => setTimeout(r, 30000));`),
      (pid) => process.kill(pid, 'SIGTERM'),
    );
    expect(result.signal).toBe('SIGTERM');
    expect(leftovers(parent)).toEqual([]);
  });

  it('process.exit() while writing: no folder remains', async () => {
    const parent = scratch();
    const out = path.join(parent, 'run');
    const result = await child(childScript(out, `process.exit(3);`), () => {});
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('');
    expect(leftovers(parent)).toEqual([]);
  });
});
