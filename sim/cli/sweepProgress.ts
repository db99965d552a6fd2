import cliProgress from 'cli-progress';
import type { SweepProgress } from '../sweep/run';

// Progress of a sweep: a bar with runs done, rate and ETA on a terminal; plain lines otherwise
// (every 10% of the runs, and at least every 30 s), so logs of batch jobs show where a sweep is.

export interface SweepProgressView {
  update(p: SweepProgress): void;
  stop(): void;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function sweepProgress(label: string, total: number, done: number, stream: NodeJS.WriteStream = process.stderr): SweepProgressView {
  const rateOf = (p: SweepProgress) => (p.elapsedMs > 0 ? (p.ran * 1000) / p.elapsedMs : 0);
  const etaOf = (p: SweepProgress) => {
    const rate = rateOf(p);
    return rate > 0 ? ((p.total - p.done) / rate) * 1000 : Infinity;
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} runs | {rate} runs/s | eta {eta_text} | {failed} failed`, stream, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, done, { rate: '–', eta_text: '?', failed: 0 });
    return {
      update: (p) => bar.update(p.done, { rate: rateOf(p).toFixed(2), eta_text: formatDuration(etaOf(p)), failed: p.failed }),
      stop: () => bar.stop(),
    };
  }
  let lastTenth = Math.floor((done / Math.max(1, total)) * 10);
  let lastAt = Date.now();
  return {
    update(p) {
      const tenth = Math.floor((p.done / Math.max(1, p.total)) * 10);
      if (tenth <= lastTenth && Date.now() - lastAt < 30_000) return;
      lastTenth = tenth;
      lastAt = Date.now();
      const percent = Math.floor((p.done / Math.max(1, p.total)) * 100);
      stream.write(`${label}: ${p.done}/${p.total} runs (${percent}%), ${rateOf(p).toFixed(2)} runs/s, eta ${formatDuration(etaOf(p))}, ${p.failed} failed\n`);
    },
    stop() {},
  };
}
