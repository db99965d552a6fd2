import fs from 'node:fs';
import path from 'node:path';
import { displayPath } from '../scenario/displayPath';
import { readDesignDocument } from './designFile';
import { SweepError } from './errors';
import { completeness, writeSweepTables, type Completeness } from './finish';
import { writeFileAtomically } from '../io/atomic';
import { DESIGN_FILE, SWEEP_COPY, storeFiles } from './folder';
import { identityDifference } from './identity';
import { readStore } from './store';

// `waterbed sweep merge DIR...`: the stores of shards (in one folder, or in several folders of the
// same sweep) joined into the table a one-machine sweep gives. The runs are looked up by id in the
// design, so the order the shards ran in does not matter.

export interface MergeResult {
  out: string;
  state: Completeness;
  stores: number;
}

export async function mergeSweep(dirs: readonly string[], options: { out?: string; gitCommit?: string | null } = {}): Promise<MergeResult> {
  if (dirs.length === 0) throw new SweepError('sweep merge: name at least one sweep folder.');
  const folders = dirs.map((d) => path.resolve(d));
  const doc = readDesignDocument(folders[0]);
  for (const dir of folders.slice(1)) {
    const difference = identityDifference(readDesignDocument(dir).identity, doc.identity);
    if (difference) throw new SweepError(`${displayPath(dir)} holds another sweep than ${displayPath(folders[0])}: ${difference}. Only shards of one sweep can be merged.`);
  }
  const stores = folders.flatMap((dir) => storeFiles(dir)).map(readStore);
  for (const store of stores) {
    const difference = identityDifference(store.header.identity, doc.identity);
    if (difference) throw new SweepError(`${displayPath(store.file)} belongs to another sweep: ${difference}.`);
  }
  if (stores.length === 0) throw new SweepError(`${folders.map(displayPath).join(', ')}: no run stores (store/*.jsonl) to merge; run the sweep's shards first.`);
  const state = completeness(doc, stores);
  if (state.missing.length > 0) {
    const shown = state.missing.slice(0, 3).join(', ');
    throw new SweepError(`${state.missing.length} of ${state.total} runs are not in any store (${shown}${state.missing.length > 3 ? ', …' : ''}); a shard has not finished or was stopped. Rerun the unfinished shards with --resume (same --shard and --out), then merge again.`);
  }
  const out = path.resolve(options.out ?? folders[0]);
  if (!folders.includes(out)) {
    if (fs.existsSync(path.join(out, DESIGN_FILE))) {
      const difference = identityDifference(readDesignDocument(out).identity, doc.identity);
      if (difference) throw new SweepError(`${displayPath(out)} holds another sweep: ${difference}. Choose another --out.`);
    } else if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
      throw new SweepError(`${displayPath(out)} exists and is not a sweep folder; refusing to write into it. Choose another --out.`);
    }
    fs.mkdirSync(out, { recursive: true });
    // The merged folder is a sweep folder too: `waterbed sensitivity` reads its design.
    for (const name of [DESIGN_FILE, SWEEP_COPY]) await writeFileAtomically(path.join(out, name), fs.readFileSync(path.join(folders[0], name)));
  }
  const written = await writeSweepTables(out, doc, stores, { gitCommit: options.gitCommit ?? null, sweepFile: displayPath(path.join(folders[0], SWEEP_COPY)), finishedAt: new Date().toISOString() });
  return { out, state: written, stores: stores.length };
}
