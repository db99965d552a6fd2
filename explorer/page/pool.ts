import type { ReplicateOutcome } from '../../sim/engine/simulate';
import type { ReplicateSeries } from '../../sim/metrics/series';
import type { ReplicateRequest } from '../../sim/runner/protocol';
import type { ExplorerData } from '../data';
import type { FromWorker, ToWorker } from '../protocol';

// The page's Web Workers: the explorer's own bundle started from its text (a blob: URL, which the
// page's Content-Security-Policy allows for workers and nothing else). Replicates go to the workers
// in turn, each worker holding one at a time so that a stop is quick; the reports go to a worker of
// their own, so they never wait behind a replicate.

export interface ReplicateJob {
  request: Omit<ReplicateRequest, 'job' | 'wanted'>;
}

export class WorkerPool {
  private readonly code: URL | string;
  private readonly simulators: Worker[] = [];
  private reporter: Worker | undefined;
  private nextReport = 0;
  private stopped = false;
  private readonly onStop: (() => void)[] = [];

  constructor(
    bundle: string,
    private readonly size: number,
    private readonly init: Pick<ExplorerData, 'districts' | 'map'>,
  ) {
    this.code = URL.createObjectURL(new Blob([bundle], { type: 'text/javascript' }));
  }

  private start(): Worker {
    const worker = new Worker(this.code as string, { name: 'waterbed-explorer' });
    worker.postMessage({ kind: 'init', data: this.init } satisfies ToWorker);
    return worker;
  }

  /**
   * Runs the jobs on `size` workers; `onProgress(job, share)` as each simulates, `onDone(job, series)`
   * as each finishes (in the order they finish). Resolves with the series in job order; rejects on
   * the first failure, or when stopped.
   */
  runReplicates(jobs: readonly ReplicateJob[], onProgress: (job: number, share: number) => void, onDone: (job: number, series: ReplicateSeries) => void): Promise<ReplicateSeries[]> {
    this.stopped = false;
    while (this.simulators.length < Math.min(this.size, jobs.length)) this.simulators.push(this.start());
    const results: ReplicateSeries[] = new Array(jobs.length);
    let next = 0;
    let finished = 0;
    return new Promise((resolve, reject) => {
      this.onStop.push(() => reject(new StoppedError()));
      const feed = (worker: Worker) => {
        if (this.stopped || next >= jobs.length) return;
        const job = next++;
        worker.postMessage({ kind: 'replicate', request: { ...jobs[job].request, job, wanted: { kind: 'outcome', progress: true } } } satisfies ToWorker);
      };
      for (const worker of this.simulators) {
        worker.onmessage = ({ data: reply }: MessageEvent<FromWorker>) => {
          if (this.stopped) return;
          if (reply.kind === 'progress') return onProgress(reply.job, reply.tick / reply.ticks);
          if (reply.kind === 'failed') return this.fail(reject, new Error(`replicate ${jobs[reply.job].request.replicate} failed: ${reply.stack ?? reply.error}`));
          if (reply.kind !== 'outcome') return;
          const outcome: ReplicateOutcome = reply.outcome;
          results[reply.job] = outcome.series;
          finished++;
          onDone(reply.job, outcome.series);
          if (finished === jobs.length) resolve(results);
          else feed(worker);
        };
        worker.onerror = (e) => this.fail(reject, new Error(`a worker stopped: ${e.message}`));
        feed(worker);
      }
    });
  }

  private fail(reject: (err: Error) => void, err: Error): void {
    this.terminate();
    reject(err);
  }

  /** Asks the report worker; resolves with its reply. */
  report(message: Omit<Extract<ToWorker, { kind: 'run-report' }>, 'id'>): Promise<Extract<FromWorker, { kind: 'run-report' }>>;
  report(message: Omit<Extract<ToWorker, { kind: 'comparison-report' }>, 'id'>): Promise<Extract<FromWorker, { kind: 'comparison-report' }>>;
  report(message: Omit<Extract<ToWorker, { kind: 'run-report' | 'comparison-report' }>, 'id'>): Promise<FromWorker> {
    this.reporter ??= this.start();
    const worker = this.reporter;
    const id = ++this.nextReport;
    return new Promise((resolve, reject) => {
      this.onStop.push(() => reject(new StoppedError()));
      const listen = ({ data: reply }: MessageEvent<FromWorker>) => {
        if (!('id' in reply) || reply.id !== id) return;
        worker.removeEventListener('message', listen);
        if (reply.kind === 'report-failed') reject(new Error(reply.error));
        else resolve(reply);
      };
      worker.addEventListener('message', listen);
      worker.postMessage({ ...message, id } as ToWorker);
    });
  }

  /** Ends every worker: replicates and reports under way reject with StoppedError (one already settled stays as it is). */
  terminate(): void {
    this.stopped = true;
    for (const w of this.simulators.splice(0)) w.terminate();
    this.reporter?.terminate();
    this.reporter = undefined;
    for (const stop of this.onStop.splice(0)) stop();
  }
}

export class StoppedError extends Error {
  constructor() {
    super('stopped');
  }
}
