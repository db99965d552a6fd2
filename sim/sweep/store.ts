import fs from 'node:fs';
import path from 'node:path';
import { displayPath } from '../scenario/displayPath';
import { SweepError } from './errors';
import { syncDirectory } from '../io/atomic';
import type { SweepIdentity } from './identity';
import type { OutputValue } from '../metrics/runOutputs';
import type { Shard } from './plan';

// The run store: an append-only JSON Lines file, one record a line, the first line a header. A run
// counts as done only once its record is on disk (fdatasync). Records are written in groups: while
// one write-and-sync is under way, records that arrive wait and go together in the next one, so
// syncing costs the workers nothing and a sync is shared by all runs that finished meanwhile.
// A process killed mid-write can leave a last line without its newline; readers ignore it and the
// next writer cuts it off before appending.

export const STORE_FORMAT = 1;

export interface StoreHeader {
  type: 'header';
  format: number;
  identity: SweepIdentity;
  /** the output columns, in the order of each record's `outputs` */
  columns: string[];
  shard: Shard | null;
  createdAt: string;
}

export interface RunRecord {
  type: 'run';
  id: string;
  status: 'ok' | 'failed';
  /** ok: the values of header.columns */
  outputs?: OutputValue[];
  /** failed: the error's message (first line) and, when there is one, its stack */
  error?: string;
  stack?: string;
  /** wall time of the run in the worker, milliseconds (not part of the table: it varies) */
  ms: number;
}

export interface StoreContents {
  file: string;
  header: StoreHeader;
  records: RunRecord[];
  /** bytes up to the end of the last complete line */
  validLength: number;
  /** a last line without its newline was found (and ignored) */
  tornTail: boolean;
}

export function readStore(file: string): StoreContents {
  const text = fs.readFileSync(file, 'utf8');
  const shown = displayPath(file);
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n');
  lines.pop();
  if (lines.length === 0) throw new SweepError(`${shown}: the run store has no header line; it is not a waterbed sweep store (delete it, or choose another --out).`);
  let header: StoreHeader;
  const records: RunRecord[] = [];
  lines.forEach((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new SweepError(`${shown}:${i + 1}: the run store is damaged (line ${i + 1} is not a JSON record); expected one JSON record a line. Move the file aside and rerun with --resume to redo its runs.`);
    }
    const record = value as { type?: string };
    if (i === 0) {
      if (record.type !== 'header' || (value as StoreHeader).format !== STORE_FORMAT) throw new SweepError(`${shown}:1: not a waterbed sweep store of format ${STORE_FORMAT} (no header line); choose another --out.`);
      header = value as StoreHeader;
    } else if (record.type === 'run') {
      records.push(value as RunRecord);
    } else {
      throw new SweepError(`${shown}:${i + 1}: unknown record type ${JSON.stringify(record.type)}; expected "run".`);
    }
  });
  return { file, header: header!, records, validLength: Buffer.byteLength(text.slice(0, end), 'utf8'), tornTail: end < text.length };
}

export class StoreWriter {
  private pending: string[] = [];
  private waiting: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  private constructor(readonly file: string, private readonly handle: fs.promises.FileHandle) {}

  /**
   * A new store with its header, synced, its name synced in the folder. Fails if the file exists.
   * The store appears with its header already in it (written under a temporary name, then linked to
   * its own): the shards of a sweep start together and each reads the others' stores, and a store
   * seen between its creation and its header would not be a store.
   */
  static async create(file: string, header: StoreHeader): Promise<StoreWriter> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // (the name does not end in .jsonl, so no reader takes it for a store: folder.ts, storeFiles)
    const draft = `${file}.tmp-${process.pid}-${Date.now()}`;
    const first = await fs.promises.open(draft, 'wx');
    try {
      await first.appendFile(JSON.stringify(header) + '\n');
      await first.sync();
    } finally {
      await first.close();
    }
    try {
      // a link, unlike a rename, fails where the store exists
      fs.linkSync(draft, file);
    } finally {
      fs.rmSync(draft, { force: true });
    }
    syncDirectory(path.dirname(file));
    return new StoreWriter(file, await fs.promises.open(file, 'a'));
  }

  /** Appends to an existing store, first cutting off a torn last line. */
  static async append(contents: StoreContents): Promise<StoreWriter> {
    if (contents.tornTail) {
      await fs.promises.truncate(contents.file, contents.validLength);
    }
    const handle = await fs.promises.open(contents.file, 'a');
    if (contents.tornTail) await handle.sync();
    return new StoreWriter(contents.file, handle);
  }

  /** Resolves once the record is on disk. */
  write(record: RunRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store: write after close'));
    this.pending.push(JSON.stringify(record) + '\n');
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const chunk = this.pending.join('');
      const waiting = this.waiting;
      this.pending = [];
      this.waiting = [];
      try {
        await this.handle.appendFile(chunk, 'utf8');
        await this.handle.datasync();
        for (const w of waiting) w.resolve();
      } catch (err) {
        for (const w of waiting) w.reject(err);
      }
    }
    this.flushing = null;
  }

  /** Waits for pending records, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }
}

/** The latest record of each run over several stores (a run redone after a failure has two). */
export function latestRecords(stores: readonly StoreContents[]): Map<string, RunRecord> {
  const out = new Map<string, RunRecord>();
  for (const store of stores) {
    for (const record of store.records) {
      const before = out.get(record.id);
      // A success is never replaced by a later failure of the same run (in another store).
      if (!before || before.status !== 'ok' || record.status === 'ok') out.set(record.id, record);
    }
  }
  return out;
}
