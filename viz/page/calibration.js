'use strict';
// A calibration's report (calibration.json, implausibility.csv): every target's record against the
// model at the best point and over the posterior, the implausibility of every point wave by wave,
// the posterior as a table and a pairs plot, and, when targets cannot be met together, which.
/* global d3, WB */
(function () {
  const W = 860;
  const C = { record: '#6b6b6b', posterior: '#0072B2', best: '#D55E00', accepted: '#D55E00', other: '#b8b8b8', validation: '#009E73' };
  const ratioText = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `×${WB.num(x)}`);

  /** Model against the record, every target on one scale: the model's value as a multiple of the record (log axis). */
  function fitChart(parent, data) {
    const s = WB.section(
      parent,
      'calibration-fit',
      'Model against the record',
      `Each target's model value as a multiple of the record (1 = the record). Grey: the record ± 2 sd of the record and the model discrepancy together (${Math.round(data.meta.discrepancy * 100)}% of the record); blue: the model over the posterior points (5%–95% of their means); orange: the best-fitting point. Validation targets (green labels) were never fit: their fit is out of sample.`,
    );
    const rows = data.targets;
    const ratios = rows.flatMap((t) => [t.best, t.posterior && t.posterior.q05, t.posterior && t.posterior.q95].filter((v) => v !== null && v !== undefined).map((v) => v / t.value));
    const bands = rows.flatMap((t) => [Math.max(0.01, 1 - (2 * t.sdTotal) / t.value), 1 + (2 * t.sdTotal) / t.value]);
    const all = [...ratios, ...bands].filter((v) => v > 0 && Number.isFinite(v));
    const lo = Math.max(1e-3, Math.min(0.5, d3.min(all) ?? 0.5) / 1.2);
    const hi = Math.min(1e3, Math.max(2, d3.max(all) ?? 2) * 1.2);
    const M = { top: 24, right: 20, bottom: 36, left: 250 };
    const rowH = 18;
    const H = M.top + M.bottom + rows.length * rowH;
    const x = d3.scaleLog().domain([lo, hi]).range([M.left, W - M.right]).clamp(true);
    const y = (i) => M.top + i * rowH + rowH / 2;
    const fig = WB.el(s, 'figure');
    const svg = WB.svg(fig, W, H, 'the model against the record, per target').attr('id', 'calibration-fit-chart');
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).ticks(8, '~g'));
    svg.append('text').attr('class', 'axis-title').attr('x', (M.left + W - M.right) / 2).attr('y', H - 4).attr('text-anchor', 'middle').text('model ÷ record (log scale)');
    svg.append('line').attr('class', 'threshold').attr('x1', x(1)).attr('x2', x(1)).attr('y1', M.top - 6).attr('y2', H - M.bottom);
    const g = svg.append('g').selectAll('g').data(rows).join('g').attr('class', 'target-row').attr('data-target', (t) => t.id).attr('data-use', (t) => t.use);
    g.append('text')
      .attr('x', M.left - 8)
      .attr('y', (_, i) => y(i) + 4)
      .attr('text-anchor', 'end')
      .attr('fill', (t) => (t.use === 'validation' ? C.validation : '#1f1f1f'))
      .text((t) => t.id);
    g.append('rect')
      .attr('class', 'record-band')
      .attr('x', (t) => x(Math.max(lo, 1 - (2 * t.sdTotal) / t.value)))
      .attr('width', (t) => Math.max(1, x(1 + (2 * t.sdTotal) / t.value) - x(Math.max(lo, 1 - (2 * t.sdTotal) / t.value))))
      .attr('y', (_, i) => y(i) - 6)
      .attr('height', 12)
      .attr('fill', C.record)
      .attr('opacity', 0.25);
    g.filter((t) => t.posterior)
      .append('line')
      .attr('class', 'posterior-band')
      .attr('x1', (t) => x(t.posterior.q05 / t.value))
      .attr('x2', (t) => x(t.posterior.q95 / t.value))
      .attr('y1', (t) => y(rows.indexOf(t)))
      .attr('y2', (t) => y(rows.indexOf(t)))
      .attr('stroke', C.posterior)
      .attr('stroke-width', 5)
      .attr('stroke-linecap', 'round');
    g.filter((t) => t.best !== null && t.best > 0)
      .append('circle')
      .attr('class', 'best-point')
      .attr('cx', (t) => x(t.best / t.value))
      .attr('cy', (t) => y(rows.indexOf(t)))
      .attr('r', 4)
      .attr('fill', C.best);
    g.append('title').text((t) => `${t.id} (${t.use}): ${t.label}. Record ${WB.num(t.value)} (grade ${t.grade}); best point ${WB.num(t.best)} (${ratioText(t.best / t.value)}, implausibility ${WB.num(t.implausibilityAtBest)})${t.posterior ? `; posterior 5%–95% ${WB.num(t.posterior.q05)}–${WB.num(t.posterior.q95)}` : ''}`);
    const legend = WB.el(fig, 'div', { class: 'legend-row' });
    WB.legendItem(legend, 'band', C.record, 'record ± 2 sd');
    WB.legendItem(legend, 'line', C.posterior, 'posterior 5%–95%');
    WB.legendItem(legend, 'swatch', C.best, 'best point');
    WB.sourceLine(fig, 'Record: data/targets.csv (sources per target in the data table). Model: means over each point\'s replicates.', 'Files: calibration.json (fit), posterior.csv.');
    WB.dataTable(fig, 'Data table: every target, its record and the model', () => ({
      columns: ['Target', 'Use', 'What', 'Record', 'sd (record + discrepancy)', 'Best point', 'Implausibility there', 'Posterior 5%', 'Posterior 95%', 'Posterior points within the cutoff', 'Source'],
      rows: rows.map((t) => [t.id, t.use, t.label, WB.num(t.value), WB.num(t.sdTotal), WB.num(t.best), WB.num(t.implausibilityAtBest), t.posterior ? WB.num(t.posterior.q05) : '–', t.posterior ? WB.num(t.posterior.q95) : '–', WB.pct(t.plausibleShare), t.source]),
      numeric: [false, false, false, true, true, true, true, true, true, true, false],
    }));
    return { id: 'calibration-fit', title: 'Model against the record' };
  }

  /** Each stage's points by their implausibility (the k-th largest over the fit targets), with the cutoff. */
  function wavesChart(parent, data) {
    const which = data.meta.largest === 1 ? 'largest' : 'second-largest';
    const s = WB.section(
      parent,
      'calibration-waves',
      'Implausibility, wave by wave',
      `Every point of every stage at its ${which} implausibility over the fit targets (log scale). Points below the cutoff ${data.meta.cutoff} (dashed) are not ruled out; each wave after the first draws its points where the earlier waves left room${data.meta.emulator ? ', screened by Gaussian-process emulators of every target' : ''}.`,
    );
    const M = { top: 30, right: 20, bottom: 40, left: 60 };
    const H = 330;
    const x = d3.scaleBand().domain(data.stages.map((st) => st.stage)).range([M.left, W - M.right]).padding(0.25);
    const values = data.stages.flatMap((st) => st.measures).filter((v) => v > 0);
    const y = d3.scaleLog().domain([Math.min(0.1, d3.min(values) ?? 0.1), Math.max(data.meta.cutoff * 3, Math.min(1e4, d3.max(values) ?? 10))]).range([H - M.bottom, M.top]).clamp(true);
    const fig = WB.el(s, 'figure');
    const svg = WB.svg(fig, W, H, 'implausibility of every point, per stage').attr('id', 'calibration-waves-chart');
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(d3.axisBottom(x));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(6, '~g'));
    svg.append('text').attr('class', 'axis-title').attr('transform', `translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(`${which} implausibility`);
    svg.append('line').attr('class', 'threshold').attr('x1', M.left).attr('x2', W - M.right).attr('y1', y(data.meta.cutoff)).attr('y2', y(data.meta.cutoff));
    data.stages.forEach((st) => {
      const cx = x(st.stage) + x.bandwidth() / 2;
      const n = st.measures.length;
      svg
        .append('g')
        .attr('class', 'stage-points')
        .attr('data-stage', st.stage)
        .selectAll('circle')
        .data(st.measures)
        .join('circle')
        .attr('cx', (_, i) => cx + (n > 1 ? ((i * 0.618034) % 1) - 0.5 : 0) * x.bandwidth() * 0.8)
        .attr('cy', (m) => y(Math.max(y.domain()[0], m)))
        .attr('r', 2.5)
        .attr('fill', (m) => (m <= data.meta.cutoff ? C.posterior : C.other))
        .attr('opacity', 0.8);
      const label = st.kind === 'abc' ? `ABC: ${n} points` : `${st.survivors} of ${st.points} (${WB.pct(st.survivingShare)})`;
      svg.append('text').attr('class', 'stage-label').attr('x', cx).attr('y', 14).attr('text-anchor', 'middle').text(label);
    });
    WB.sourceLine(fig, 'Each point\'s replicates give the model mean and variance in I = |z − E[f(x)]| / √(Var_obs + Var_discrepancy + Var_model).', 'Files: implausibility.csv, waves.csv.');
    WB.dataTable(fig, 'Data table: the stages', () => ({
      columns: ['Stage', 'Points', 'Replicates', 'Runs', 'Candidates', 'Let through by the emulators', 'Taken from the rest', 'Not ruled out'],
      rows: data.stages.map((st) => [st.stage, String(st.points), String(st.replicates), String(st.runs), String(st.candidates), String(st.accepted), String(st.filled), st.survivors === null ? '–' : `${st.survivors} (${WB.pct(st.survivingShare)})`]),
      numeric: [false, true, true, true, true, true, true, true],
    }));
    return { id: 'calibration-waves', title: 'Implausibility, wave by wave' };
  }

  /** The posterior: a table of every parameter and a pairs plot of the ABC points over the prior ranges. */
  function posteriorChart(parent, data) {
    const s = WB.section(parent, 'calibration-posterior', 'Posterior', null);
    if (!data.parameters[0] || !data.parameters[0].posterior) {
      WB.el(s, 'p', { class: 'note', id: 'calibration-posterior-none' }, `No posterior: nothing survived ${data.meta.stoppedAfter}, so the ABC stage did not run. See the targets that conflict below.`);
      return { id: 'calibration-posterior', title: 'Posterior' };
    }
    WB.el(s, 'p', { class: 'intro' }, `Rejection ABC: ${data.meta.abc.points} points drawn in the region the waves left, ${data.meta.abc.replicates} run${data.meta.abc.replicates > 1 ? 's' : ''} each; the ${WB.pct(data.meta.abc.accept)} closest to the record (root mean square gap in sd over the fit targets) form the posterior sample.`);
    const tableFig = WB.el(s, 'figure', { class: 'table-figure' });
    const table = WB.el(tableFig, 'table', { id: 'calibration-posterior-table' });
    const head = WB.el(WB.el(table, 'thead'), 'tr');
    ['Parameter', 'Prior', 'Posterior mean', '5%–95%', 'Share of the prior', 'Best point'].forEach((c) => WB.el(head, 'th', { scope: 'col' }, c));
    const body = WB.el(table, 'tbody');
    data.parameters.forEach((p) => {
      const tr = WB.el(body, 'tr');
      WB.el(tr, 'th', { scope: 'row' }, p.name);
      WB.el(tr, 'td', { class: 'num' }, `${WB.num(p.min)}–${WB.num(p.max)}`);
      WB.el(tr, 'td', { class: 'num' }, WB.num(p.posterior.mean));
      WB.el(tr, 'td', { class: 'num' }, `${WB.num(p.posterior.q05)}–${WB.num(p.posterior.q95)}`);
      WB.el(tr, 'td', { class: 'num' }, WB.pct(p.posterior.priorShare));
      WB.el(tr, 'td', { class: 'num' }, data.best ? WB.num(data.best.values[p.name]) : '–');
    });
    if (data.bestCommand) WB.el(s, 'p', { class: 'note', id: 'calibration-best-command' }, `The best point, to run: ${data.bestCommand}`);

    const k = data.parameters.length;
    const cell = Math.max(90, Math.min(200, Math.floor((W - 40) / k)));
    const size = cell * k + 40;
    const fig = WB.el(s, 'figure');
    WB.el(fig, 'p', { class: 'chart-subtitle' }, 'Pairs plot of the ABC points, drawn in the region the waves left: accepted (orange) and rejected (grey); on the diagonal, the accepted points\' histogram.');
    const svg = WB.svg(fig, size, size, 'pairs plot of the posterior').attr('id', 'calibration-pairs').style('max-width', `${size}px`);
    // Each axis spans the ABC points (the region the waves left), which can be a small part of the prior.
    const scales = data.parameters.map((p, j) => {
      const [lo, hi] = d3.extent(data.abcPoints, (pt) => pt.values[j]);
      const pad = lo === undefined || hi === lo ? (p.max - p.min) * 0.05 || 1 : (hi - lo) * 0.05;
      return d3.scaleLinear().domain(lo === undefined ? [p.min, p.max] : [lo - pad, hi + pad]).range([4, cell - 4]);
    });
    const ordered = [...data.abcPoints].sort((a, b) => Number(a.accepted) - Number(b.accepted));
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const g = svg.append('g').attr('class', 'pair').attr('data-x', j).attr('data-y', i).attr('transform', `translate(${30 + j * cell},${i * cell})`);
        g.append('rect').attr('width', cell - 2).attr('height', cell - 2).attr('fill', 'none').attr('stroke', '#d0d0d0');
        if (i === j) {
          const bins = d3.bin().domain(scales[j].domain()).thresholds(10)(data.abcPoints.filter((pt) => pt.accepted).map((pt) => pt.values[j]));
          const hy = d3.scaleLinear().domain([0, d3.max(bins, (b) => b.length) || 1]).range([cell - 6, 20]);
          g.selectAll('rect.bin').data(bins).join('rect').attr('class', 'bin').attr('x', (b) => scales[j](b.x0)).attr('width', (b) => Math.max(0, scales[j](b.x1) - scales[j](b.x0) - 1)).attr('y', (b) => hy(b.length)).attr('height', (b) => cell - 6 - hy(b.length)).attr('fill', C.accepted).attr('opacity', 0.7);
          g.append('text').attr('x', 6).attr('y', 14).attr('class', 'pairs-label').text(data.parameters[j].name);
          const [a, b] = scales[j].domain();
          g.append('text').attr('x', 6).attr('y', cell - 8).attr('class', 'pairs-range').text(`${WB.num(a)}–${WB.num(b)}`);
        } else {
          g.selectAll('circle')
            .data(ordered)
            .join('circle')
            .attr('class', (pt) => (pt.accepted ? 'accepted' : 'rejected'))
            .attr('cx', (pt) => scales[j](pt.values[j]))
            .attr('cy', (pt) => cell - scales[i](pt.values[i]))
            .attr('r', 2.2)
            .attr('fill', (pt) => (pt.accepted ? C.accepted : C.other));
        }
      }
    }
    WB.sourceLine(fig, 'Each axis spans the ABC points\' values of its parameter (range written at the foot of the diagonal); the table above gives the prior ranges.', 'Files: implausibility.csv (stage abc), posterior.csv.');
    return { id: 'calibration-posterior', title: 'Posterior' };
  }

  /** Which targets no point meets, and which pairs are met apart but never together. */
  function conflictsSection(parent, data) {
    const c = data.conflicts;
    const s = WB.section(parent, 'calibration-conflicts', 'Targets that conflict', `Over the points of ${c.stage}: a target is met at a point when its own implausibility is within the cutoff. A target met nowhere is out of the model's reach; two targets each met somewhere but never at the same point pull the parameters apart. Either says the model's structure lacks something.`);
    if (c.unreachable.length === 0 && c.pairs.length === 0) {
      WB.el(s, 'p', { class: 'note', id: 'calibration-conflicts-none' }, `Every fit target is met at some point of ${c.stage}, and every pair of them at some point together.`);
      return { id: 'calibration-conflicts', title: 'Targets that conflict' };
    }
    if (c.unreachable.length) WB.el(s, 'p', { id: 'calibration-unreachable' }, `Met at no point: ${c.unreachable.join(', ')}.`);
    if (c.pairs.length) {
      const fig = WB.el(s, 'figure', { class: 'table-figure' });
      const table = WB.el(fig, 'table', { id: 'calibration-conflict-pairs' });
      const head = WB.el(WB.el(table, 'thead'), 'tr');
      ['Target A', 'Target B', 'Points where A is met and B is not', 'B met, A not'].forEach((h) => WB.el(head, 'th', { scope: 'col' }, h));
      const body = WB.el(table, 'tbody');
      c.pairs.slice(0, 30).forEach((p) => {
        const tr = WB.el(body, 'tr');
        WB.el(tr, 'th', { scope: 'row' }, p.a);
        WB.el(tr, 'td', {}, p.b);
        WB.el(tr, 'td', { class: 'num' }, WB.pct(p.onlyA));
        WB.el(tr, 'td', { class: 'num' }, WB.pct(p.onlyB));
      });
      if (c.pairs.length > 30) WB.el(s, 'p', { class: 'note' }, `… and ${c.pairs.length - 30} more pairs (calibration.json, conflicts.pairs).`);
    }
    return { id: 'calibration-conflicts', title: 'Targets that conflict' };
  }

  WB.renderers.calibration = function (root, data) {
    return [fitChart(root, data), wavesChart(root, data), posteriorChart(root, data), conflictsSection(root, data)];
  };
})();
