import type { ReplicateRequest, WorkerReply } from '../sim/runner/protocol';
import type { ReplicateSeries } from '../sim/metrics/series';
import type { ComparisonData } from '../viz/comparisonData';
import type { ComparisonRecord } from '../viz/inputs';
import type { ExplorerData } from './data';
import type { ComparisonInput, RunInput, RunReport } from './reportData';

// What the explorer's page and its Web Workers say to each other. A replicate is asked and answered
// with the CLI pool's own messages (sim/runner/protocol.ts); the page also asks a worker to turn
// replicates into the report's data, so that no long computation runs on the page's thread.

export type ToWorker =
  | { kind: 'init'; data: Pick<ExplorerData, 'districts' | 'map'> }
  | { kind: 'replicate'; request: ReplicateRequest }
  | { kind: 'run-report'; id: number; input: RunInput; replicates: ReplicateSeries[] }
  | { kind: 'comparison-report'; id: number; input: ComparisonInput; baseline: ReplicateSeries[]; runs: ReplicateSeries[] };

export type FromWorker =
  | WorkerReply
  | { kind: 'run-report'; id: number; report: RunReport; summaryJson: string }
  | { kind: 'comparison-report'; id: number; record: ComparisonRecord; data: ComparisonData }
  | { kind: 'report-failed'; id: number; error: string };
