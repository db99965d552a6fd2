import type { ExplorerData } from './data';
import { startPage } from './page/app';
import { startWorker } from './worker';

// The explorer's one bundle: run by the page (a <script> with the page's data beside it), and by
// each of its Web Workers, started from the same text. Which one it is, it tells by the document.

declare const self: Parameters<typeof startWorker>[0];

if (typeof document === 'undefined') {
  startWorker(self);
} else {
  const code = document.getElementById('explorer-code')!.textContent!;
  const data = JSON.parse(document.getElementById('explorer-data')!.textContent!) as ExplorerData;
  startPage(data, code);
}
