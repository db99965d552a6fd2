import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from '../errors';

// Files and folders that appear complete or not at all; every atomic write of waterbed goes through
// here (results folders, sweep files, reports).
//
// A results folder appears complete or not at all. Files are written into a temporary sibling folder
// (same file system, so the final rename is atomic), synced to disk, then renamed into place. On an
// error, SIGINT or SIGTERM the temporary folder is removed, so no half-written results remain.
//
// An existing `outDir` is replaced, but only after the new folder is complete, and only if it is empty
// or looks like a results folder (holds manifest.json): a mistyped --out must never delete a user's
// other files. Replacing renames the old folder aside, renames the new one in and then deletes the old
// one; these steps run synchronously so no signal handler can run between them.
// A run killed with SIGKILL (or a power cut) can leave a `<outDir>.tmp-<pid>-<hex>` folder behind;
// it is never mistaken for results and can be deleted.

/** A results folder that cannot be written where asked (a user error: the message says what to do). */
export class ResultsFolderError extends UserError {
  override name = 'ResultsFolderError';
}

/** Writing stopped because the process received a signal; the temporary folder has been removed. */
export class WriteInterruptedError extends Error {
  override name = 'WriteInterruptedError';
  constructor(readonly signal: NodeJS.Signals, outDir: string) {
    super(`writing ${outDir} was interrupted by ${signal}; nothing was written`);
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Throws a ResultsFolderError unless `target` is absent, an empty folder or a results folder. */
export function assertReplaceable(target: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!stat.isDirectory()) {
    throw new ResultsFolderError(`${target} exists and is not a folder; refusing to replace it. Choose another output folder or remove it.`);
  }
  const entries = fs.readdirSync(target);
  if (entries.length > 0 && !entries.includes('manifest.json')) {
    throw new ResultsFolderError(`${target} exists and is not a waterbed results folder (no manifest.json); refusing to replace it. Choose another output folder or remove it.`);
  }
}

/**
 * Runs `write(tmpDir)` on a fresh temporary folder beside `outDir`, then puts that folder in place of
 * `outDir`. Resolves to the absolute path of `outDir`. Throws ResultsFolderError when `outDir` may not
 * be replaced (checked before and again after writing), WriteInterruptedError after SIGINT/SIGTERM
 * when another listener keeps the process alive, or whatever `write` threw.
 */
export async function writeResultsAtomically(outDir: string, write: (tmpDir: string) => unknown): Promise<string> {
  const target = path.resolve(outDir);
  // Refuse early, before a long write, rather than only at the end.
  assertReplaceable(target);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(tmp);

  let interrupted: NodeJS.Signals | undefined;
  const cleanup = (): void => fs.rmSync(tmp, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = signal;
    cleanup();
    detach();
    // A listener replaces the signal's default action. When ours was the only one, raise the signal
    // again so the process ends as it would have; otherwise the other listener (e.g. the CLI) decides,
    // and the pending write rejects with WriteInterruptedError.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  // process.exit() from elsewhere skips finally blocks but runs 'exit' listeners (synchronously).
  const onExit = (): void => cleanup();
  const detach = (): void => {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    process.removeListener('exit', onExit);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', onExit);

  try {
    await write(tmp);
    if (interrupted) throw new WriteInterruptedError(interrupted, target);
    await syncTree(tmp);
    if (interrupted) throw new WriteInterruptedError(interrupted, target);
    commit(tmp, target);
    syncDirectory(parent);
    return target;
  } catch (error) {
    cleanup();
    // After a signal the write typically fails on the removed folder; report the cause, not ENOENT.
    if (interrupted && !(error instanceof WriteInterruptedError)) throw new WriteInterruptedError(interrupted, target);
    throw error;
  } finally {
    detach();
  }
}

/** Synchronous on purpose: no signal handler can run between the renames. */
function commit(tmp: string, target: string): void {
  assertReplaceable(target);
  if (!fs.existsSync(target)) {
    fs.renameSync(tmp, target);
    return;
  }
  const aside = `${target}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.renameSync(target, aside);
  try {
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.renameSync(aside, target);
    throw error;
  }
  try {
    fs.rmSync(aside, { recursive: true, force: true });
  } catch {
    // The new results are complete and in place; a leftover, clearly named `.old-` folder is harmless.
  }
}

/** fsync every file below `dir`, then the folders, so the rename publishes data that is on disk. */
async function syncTree(dir: string): Promise<void> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(full);
    else if (entry.isFile()) {
      // 'r+' because Windows flushes only handles opened for writing.
      const handle = await fs.promises.open(full, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  }
  syncDirectory(dir);
}

/** Writes a file so that it appears complete or not at all: a synced temporary sibling, renamed. */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncDirectory(path.dirname(file));
}

/** fsync a folder so renames and new names in it are durable; not supported on Windows, so best effort. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF' && code !== 'EACCES') throw error;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
