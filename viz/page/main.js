'use strict';
// Starts the report: reads the inlined data and draws its parts in order, each with the renderer of
// its kind (run, comparison, sweep: registered in WB.renderers by run.js, comparison.js, sweep.js),
// lists their sections in the contents, and marks the page ready (body[data-ready]).
/* global WB */
(function () {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const root = document.getElementById('report');
  const header = WB.el(root, 'header');
  WB.el(header, 'p', { class: 'kicker' }, 'waterbed report');
  WB.el(header, 'h1', { id: 'report-title' }, data.title);
  if (data.subtitle) WB.el(header, 'p', { class: 'subtitle', id: 'report-subtitle' }, data.subtitle);
  const toc = WB.el(header, 'nav', { 'aria-label': 'Contents' });
  const list = WB.el(toc, 'ol');
  for (const part of data.parts) {
    const render = WB.renderers[part.kind];
    if (!render) throw new Error(`report: no renderer for ${part.kind}`);
    for (const s of render(root, part.data)) {
      const li = WB.el(list, 'li');
      WB.el(li, 'a', { href: `#${s.id}` }, s.title);
    }
  }
  document.body.setAttribute('data-ready', 'true');
})();
