import { parentPort, workerData } from 'node:worker_threads';
import { loadWorld } from '../io/worldData';
import { answer, failure, type Send } from './answer';
import { POOL_WORKER, type ReplicateRequest } from './protocol';

// A worker thread of the pool (pool.ts): loads the world once, then answers one replicate request
// per message, in the order they come (answer.ts).

/**
 * Faults for the tests of crash and failure handling, from WATERBED_TEST_FAULTS: a comma-separated
 * list of `fail@SEED/REPLICATE` (the replicate fails as if it had thrown) and `crash@SEED/REPLICATE`
 * (the worker thread ends, as on running out of heap). Read here only, never by the commands.
 */
function injectedFaults(text: string | undefined): Map<string, 'fail' | 'crash'> {
  const faults = new Map<string, 'fail' | 'crash'>();
  for (const entry of (text ?? '').split(',').filter((e) => e.trim())) {
    const m = /^(fail|crash)@(\d+\/\d+)$/.exec(entry.trim());
    if (!m) throw new Error(`WATERBED_TEST_FAULTS: "${entry}" is not fail@SEED/REPLICATE or crash@SEED/REPLICATE`);
    faults.set(m[2], m[1] as 'fail' | 'crash');
  }
  return faults;
}

const port = parentPort;
if (port && workerData?.kind === POOL_WORKER) {
  const world = loadWorld();
  const faults = injectedFaults(process.env.WATERBED_TEST_FAULTS);
  const send: Send = (reply, transfer) => port.postMessage(reply, transfer);
  port.on('message', (request: ReplicateRequest) => {
    const fault = faults.get(`${request.seed}/${request.replicate}`);
    if (fault === 'crash') process.exit(70);
    if (fault === 'fail') send(failure(request.job, new Error(`injected failure of seed ${request.seed}, replicate ${request.replicate}`), performance.now()));
    else answer(request, world, send);
  });
}
