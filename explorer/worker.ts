import { answer } from '../sim/runner/answer';
import { buildWorld, type World } from '../sim/world';
import type { DistrictMap } from '../viz/districtMap';
import type { FromWorker, ToWorker } from './protocol';
import { comparisonReport, runReport, summaryJson } from './reportData';

// A Web Worker of the explorer: the same bundle as the page, started from its own text. It builds
// the world once from the inlined districts, then answers replicate requests with the CLI worker's
// own `answer` (sim/runner/answer.ts) and report requests with reportData.ts.

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

export function startWorker(scope: WorkerScope): void {
  let world: World | undefined;
  let map: DistrictMap | undefined;
  scope.onmessage = ({ data: message }) => {
    switch (message.kind) {
      case 'init':
        world = buildWorld(message.data.districts);
        map = message.data.map;
        return;
      case 'replicate':
        return answer(message.request, world!, (reply, transfer) => scope.postMessage(reply, transfer ?? []));
      case 'run-report':
      case 'comparison-report':
        try {
          if (message.kind === 'run-report') {
            const report = runReport(message.input, message.replicates, map!);
            scope.postMessage({ kind: 'run-report', id: message.id, report, summaryJson: summaryJson(report.summary) });
          } else {
            const { record, data } = comparisonReport(message.input, world!, message.baseline, message.runs, map!);
            scope.postMessage({ kind: 'comparison-report', id: message.id, record, data });
          }
        } catch (err) {
          scope.postMessage({ kind: 'report-failed', id: message.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
        }
    }
  };
}
