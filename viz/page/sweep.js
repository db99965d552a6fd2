'use strict';
// A sweep's report (table.csv, sensitivity.json, discovery.json): each output against two chosen
// factors as a heatmap of its mean per bin, the sensitivity indices as a tornado chart with their
// intervals, and the scenario discovery (sweep-discovery.js).
/* global d3, WB */
(function () {
  const W = 640;

  const unitText = (o) => (o.unit ? `${o.name} (${o.unit})` : o.name);
  const INDEX_NAMES = { ST: 'total-order index ST', S1: 'first-order index S1', mu_star: 'μ*', sigma: 'σ', rho: 'Spearman ρ' };
  const idxName = (k) => INDEX_NAMES[k] || k;

  /** The grid of a scenario, output and factor pair, as rows of y and columns of x (transposed when x > y). */
  function gridFor(data, state) {
    const fx = Number(state.x);
    const fy = Number(state.y);
    const a = Math.min(fx, fy);
    const b = Math.max(fx, fy);
    const p = data.pairs.findIndex((q) => q[0] === a && q[1] === b);
    const g = data.grids[state.scenario][state.output][p];
    if (fx < fy) return g;
    const t = (m) => m[0].map((_, j) => m.map((row) => row[j]));
    return { mean: t(g.mean), count: t(g.count) };
  }

  function heatmap(parent, data) {
    WB.el(parent, 'h3', {}, 'Each output against two factors');
    WB.el(
      parent,
      'p',
      { class: 'note' },
      'Each cell is the mean of the output over the runs (ok runs, all replicates) whose two factors fall in the cell’s bins; the other factors vary across the runs of a cell. A factor with few distinct values has one bin per value, else 8 equal bins of its range. Empty cells held no run.',
    );
    if (data.factors.length < 2 || data.outputs.length === 0) {
      WB.el(parent, 'p', { class: 'note', id: 'sweep-heatmap-none' }, data.factors.length < 2 ? 'The sweep has one factor: there is no pair of factors to plot.' : 'The table has no numeric output.');
      return null;
    }
    const state = { scenario: 0, output: 0, x: 0, y: 1 };
    const controls = WB.el(parent, 'div', { class: 'controls' });
    if (data.scenarios.length > 1)
      WB.select(controls, 'sweep-scenario', 'Scenario', data.scenarios.map((s, i) => ({ value: String(i), label: s })), '0', (v) => {
        state.scenario = Number(v);
        draw();
        if (onOutput) onOutput(data.outputs[state.output].name, data.scenarios[state.scenario]);
      });
    const factorOptions = data.factors.map((f, i) => ({ value: String(i), label: f.name }));
    WB.select(controls, 'sweep-output', 'Output', data.outputs.map((o, i) => ({ value: String(i), label: o.name })), '0', (v) => {
      state.output = Number(v);
      draw();
      if (onOutput) onOutput(data.outputs[state.output].name, data.scenarios[state.scenario]);
    });
    const xSel = WB.select(controls, 'sweep-x', 'Factor across', factorOptions, '0', (v) => {
      if (v === String(state.y)) ySel.value = String((state.y = state.x));
      state.x = Number(v);
      draw();
    });
    const ySel = WB.select(controls, 'sweep-y', 'Factor up', factorOptions, '1', (v) => {
      if (v === String(state.x)) xSel.value = String((state.x = state.y));
      state.y = Number(v);
      draw();
    });
    let onOutput = null;
    const fig = WB.el(parent, 'figure', { class: 'heatmap-figure' });
    const title = WB.el(fig, 'p', { class: 'chart-subtitle', id: 'sweep-heatmap-title' });
    const M = { top: 12, right: 16, bottom: 64, left: 110 };
    const H = 440;
    const svg = WB.svg(fig, W, H, 'heatmap of the chosen output over two factors').attr('id', 'sweep-heatmap').attr('class', 'heatmap');
    const legend = WB.svg(fig, W, 48, 'colour legend').attr('class', 'legend').attr('id', 'sweep-heatmap-legend');
    WB.sourceLine(fig, data.meta.source, 'File: table.csv.');
    const table = WB.dataTable(fig, 'Data table: the cells of the heatmap', () => {
      const g = gridFor(data, state);
      const fx = data.factors[state.x];
      const fy = data.factors[state.y];
      const rows = [];
      g.mean.forEach((row, yi) => row.forEach((m, xi) => rows.push([`${fx.bins[xi]} × ${fy.bins[yi]}`, WB.num(m), String(g.count[yi][xi])])));
      return { columns: [`${fx.name} × ${fy.name}`, `Mean ${unitText(data.outputs[state.output])}`, 'Runs'], rows, numeric: [false, true, true] };
    });

    function draw() {
      const g = gridFor(data, state);
      const out = data.outputs[state.output];
      const fx = data.factors[state.x];
      const fy = data.factors[state.y];
      const scen = data.scenarios.length > 1 ? `, scenario “${data.scenarios[state.scenario]}”` : '';
      title.textContent = `${unitText(out)}: mean per cell, ${fx.name} across, ${fy.name} up${scen}`;
      svg.selectAll('*').remove();
      legend.selectAll('*').remove();
      const x = d3.scaleBand().domain(fx.bins).range([M.left, W - M.right]).padding(0.03);
      const y = d3.scaleBand().domain(fy.bins).range([H - M.bottom, M.top]).padding(0.03);
      const vals = g.mean.flat().filter((v) => v !== null);
      const lo = d3.min(vals) ?? 0;
      const hi = d3.max(vals) ?? 0;
      // Both signs: diverging ColorBrewer BrBG symmetric around 0; one sign: sequential YlGnBu.
      const diverging = lo < 0 && hi > 0;
      const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
      const colour = diverging ? d3.scaleDiverging(d3.interpolateBrBG).domain([-m, 0, m]) : d3.scaleSequential(d3.interpolateYlGnBu).domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]);
      const cells = [];
      g.mean.forEach((row, yi) => row.forEach((v, xi) => cells.push({ xi, yi, v, n: g.count[yi][xi] })));
      const cell = svg
        .append('g')
        .attr('class', 'cells')
        .selectAll('rect')
        .data(cells)
        .join('rect')
        .attr('class', (c) => (c.v === null ? 'cell empty' : 'cell'))
        .attr('data-x', (c) => c.xi)
        .attr('data-y', (c) => c.yi)
        .attr('data-value', (c) => (c.v === null ? '' : c.v))
        .attr('x', (c) => x(fx.bins[c.xi]))
        .attr('y', (c) => y(fy.bins[c.yi]))
        .attr('width', x.bandwidth())
        .attr('height', y.bandwidth())
        .attr('fill', (c) => (c.v === null ? '#fff' : colour(c.v)))
        .attr('stroke', (c) => (c.v === null ? '#ccc' : 'none'));
      cell.append('title').text((c) => `${fx.name} ${fx.bins[c.xi]}, ${fy.name} ${fy.bins[c.yi]}: ${c.v === null ? 'no run' : WB.num(c.v)} (${c.n} runs)`);
      const tickEvery = (bins) => (bins.length > 8 ? Math.ceil(bins.length / 8) : 1);
      svg
        .append('g')
        .attr('class', 'axis')
        .attr('transform', `translate(0,${H - M.bottom})`)
        .call(d3.axisBottom(x).tickValues(fx.bins.filter((_, i) => i % tickEvery(fx.bins) === 0)))
        .selectAll('text')
        .attr('transform', 'rotate(-25)')
        .attr('text-anchor', 'end');
      svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).tickValues(fy.bins.filter((_, i) => i % tickEvery(fy.bins) === 0)));
      svg.append('text').attr('class', 'axis-title').attr('x', (M.left + W - M.right) / 2).attr('y', H - 6).attr('text-anchor', 'middle').text(`${fx.name} (${fx.axis === 'range' ? 'bins of its range' : 'values'})`);
      svg.append('text').attr('class', 'axis-title').attr('transform', `translate(12,${(M.top + H - M.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(`${fy.name} (${fy.axis === 'range' ? 'bins of its range' : 'values'})`);
      // legend: the colour ramp over the cells' range, with ticks
      const gid = 'sweep-heatmap-gradient';
      const grad = legend.append('defs').append('linearGradient').attr('id', gid);
      const [d0, d1] = diverging ? [-m, m] : colour.domain();
      d3.range(0, 1.0001, 0.1).forEach((t) => grad.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', colour(d0 + t * (d1 - d0))));
      const x0 = M.left;
      const lw = 300;
      legend.append('rect').attr('x', x0).attr('y', 6).attr('width', lw).attr('height', 12).attr('fill', `url(#${gid})`).attr('stroke', '#999');
      const ls = d3.scaleLinear().domain([d0, d1]).range([x0, x0 + lw]);
      legend.append('g').attr('class', 'axis').attr('transform', 'translate(0,18)').call(d3.axisBottom(ls).ticks(5).tickFormat(WB.axisNum));
      legend.append('text').attr('class', 'legend-unit').attr('x', x0 + lw + 12).attr('y', 17).text(`mean ${unitText(out)}${diverging ? '; brown below 0, blue-green above' : ''}`);
      table.refresh();
    }
    draw();
    return {
      setOnOutput(f) {
        onOutput = f;
      },
    };
  }

  function tornado(parent, data) {
    WB.el(parent, 'h3', {}, 'Which factors matter? Sensitivity indices');
    const s = data.sensitivity;
    if (!s) {
      WB.el(parent, 'p', { class: 'note caveat', id: 'sweep-tornado-none' }, 'This sweep has no sensitivity indices yet. Run `waterbed sensitivity DIR` on this folder, then `waterbed report DIR`, to add a tornado chart of them here.');
      return null;
    }
    const meaning = {
      sobol: 'Bars: the total-order Sobol index ST (the share of the output’s variance due to the factor with all its interactions); the darker inner bar: the first-order index S1 (the factor alone). Whiskers: 95% bootstrap intervals.',
      morris: 'Bars: Morris μ*, the mean absolute elementary effect over the factor’s whole range, in output units, with its 95% bootstrap interval; the diamond: σ, the spread of the effects (non-linearity or interactions).',
      spearman: 'Bars: Spearman rank correlation ρ of factor and output over the design points (screening only), with its 95% bootstrap interval.',
    };
    WB.el(parent, 'p', { class: 'note' }, (meaning[s.method] || `Bars: ${idxName(s.main)}.`) + ' Factors are sorted by the bar, largest first.');
    const state = { o: 0 };
    const controls = WB.el(parent, 'div', { class: 'controls' });
    const options = s.outputs.map((o, i) => ({ value: String(i), label: data.scenarios.length > 1 || new Set(s.outputs.map((q) => q.scenario)).size > 1 ? `${o.output} (${o.scenario})` : o.output }));
    const sel = WB.select(controls, 'sweep-tornado-output', 'Output', options, '0', (v) => {
      state.o = Number(v);
      draw();
    });
    const fig = WB.el(parent, 'figure', { class: 'tornado-figure' });
    const title = WB.el(fig, 'p', { class: 'chart-subtitle', id: 'sweep-tornado-title' });
    const svgHolder = WB.el(fig, 'div');
    const note = WB.el(fig, 'p', { class: 'note', id: 'sweep-tornado-note' });
    WB.sourceLine(fig, data.meta.source, `File: sensitivity.json (${s.method}, ${s.resamples} bootstrap resamples).`);
    const table = WB.dataTable(fig, 'Data table: the indices of the chart', () => {
      const o = s.outputs[state.o];
      const iv = (x) => (x ? `${WB.num(x.value)}${x.lo !== null && x.hi !== null ? ` (${WB.num(x.lo)} to ${WB.num(x.hi)})` : ''}` : '–');
      const columns = ['Factor', `${idxName(s.main)} (95% CI)`];
      if (s.second) columns.push(`${idxName(s.second)}${s.method === 'sobol' ? ' (95% CI)' : ''}`);
      return { columns, rows: o.bars.map((b) => [b.factor, iv(b.main), ...(s.second ? [iv(b.second)] : [])]), numeric: [false, true, true] };
    });

    function draw() {
      const o = s.outputs[state.o];
      title.textContent = `${o.output}${new Set(s.outputs.map((q) => q.scenario)).size > 1 ? `, scenario “${o.scenario}”` : ''}: ${idxName(s.main)} per factor (n = ${o.n})`;
      svgHolder.textContent = '';
      const rowH = 30;
      const M = { top: 8, right: 30, bottom: 42, left: 230 };
      const H = M.top + M.bottom + rowH * Math.max(1, o.bars.length);
      const svg = WB.svg(svgHolder, W, H, `tornado chart of ${idxName(s.main)}`).attr('id', 'sweep-tornado').attr('class', 'tornado');
      const ends = o.bars.flatMap((b) => [b.main.value, b.main.hi, b.main.lo, b.second && b.second.value, b.second && b.second.hi]).filter((v) => v !== null && v !== undefined && Number.isFinite(v));
      let lo = Math.min(0, d3.min(ends) ?? 0);
      let hi = Math.max(0, d3.max(ends) ?? 1);
      if (s.method === 'spearman') [lo, hi] = [-1, 1];
      if (lo === hi) hi = lo + 1;
      const x = d3.scaleLinear().domain([lo, hi]).nice().range([M.left, W - M.right]);
      const y = d3.scaleBand().domain(o.bars.map((b) => b.factor)).range([M.top, H - M.bottom]).padding(0.25);
      svg.append('line').attr('class', 'zero').attr('x1', x(0)).attr('x2', x(0)).attr('y1', M.top).attr('y2', H - M.bottom);
      const rows = svg.append('g').selectAll('g').data(o.bars).join('g').attr('class', 'tornado-row').attr('data-factor', (b) => b.factor);
      const v = (iv) => (iv && iv.value !== null ? iv.value : 0);
      rows
        .append('rect')
        .attr('class', 'bar')
        .attr('x', (b) => Math.min(x(0), x(v(b.main))))
        .attr('width', (b) => Math.abs(x(v(b.main)) - x(0)))
        .attr('y', (b) => y(b.factor))
        .attr('height', y.bandwidth())
        .attr('fill', (b) => (v(b.main) < 0 ? '#D55E00' : '#56B4E9'));
      if (s.method === 'sobol')
        rows
          .filter((b) => b.second && b.second.value !== null)
          .append('rect')
          .attr('class', 'bar-second')
          .attr('x', (b) => Math.min(x(0), x(v(b.second))))
          .attr('width', (b) => Math.abs(x(v(b.second)) - x(0)))
          .attr('y', (b) => y(b.factor) + y.bandwidth() * 0.3)
          .attr('height', y.bandwidth() * 0.4)
          .attr('fill', '#0072B2');
      const whisker = (sel, get, cls, dy) => {
        const g = sel.filter((b) => get(b) && get(b).lo !== null && get(b).hi !== null).append('g').attr('class', cls);
        const cy = (b) => y(b.factor) + y.bandwidth() * dy;
        g.append('line').attr('x1', (b) => x(get(b).lo)).attr('x2', (b) => x(get(b).hi)).attr('y1', cy).attr('y2', cy);
        for (const end of ['lo', 'hi']) g.append('line').attr('x1', (b) => x(get(b)[end])).attr('x2', (b) => x(get(b)[end])).attr('y1', (b) => cy(b) - 5).attr('y2', (b) => cy(b) + 5);
      };
      whisker(rows, (b) => b.main, 'whisker', 0.5);
      if (s.method === 'sobol') whisker(rows, (b) => b.second, 'whisker whisker-second', 0.78);
      if (s.method === 'morris')
        rows
          .filter((b) => b.second && b.second.value !== null)
          .append('path')
          .attr('class', 'sigma')
          .attr('d', d3.symbol(d3.symbolDiamond, 50))
          .attr('transform', (b) => `translate(${x(b.second.value)},${y(b.factor) + y.bandwidth() / 2})`);
      rows.append('title').text((b) => `${b.factor}: ${idxName(s.main)} ${WB.num(b.main.value)}${b.main.lo !== null ? ` (${WB.num(b.main.lo)} to ${WB.num(b.main.hi)})` : ''}${b.second ? `; ${idxName(s.second)} ${WB.num(b.second.value)}` : ''}`);
      svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).tickSize(0)).select('.domain').remove();
      svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).ticks(6).tickFormat(WB.axisNum));
      const unit = s.method === 'morris' ? (data.outputs.find((q) => q.name === o.output) || {}).unit : null;
      svg.append('text').attr('class', 'axis-title').attr('x', (M.left + W - M.right) / 2).attr('y', H - 6).attr('text-anchor', 'middle').text(`${idxName(s.main)}${unit ? ` (${unit})` : ''}`);
      const notes = [];
      if (o.note) notes.push(o.note + '.');
      if (o.noiseShare !== null) notes.push(`Replicate noise is ${WB.pct(o.noiseShare)} of the output’s variance over the design${o.noiseShare > 0.5 ? ': the indices can hardly be told from the model’s randomness' : ''}.`);
      if (o.bars.some((b) => b.main.value === null)) notes.push('Factors without a bar have no defined index.');
      note.textContent = notes.join(' ');
      table.refresh();
    }
    draw();
    return {
      show(output, scenario) {
        const i = s.outputs.findIndex((q) => q.output === output && q.scenario === scenario);
        if (i < 0) return;
        state.o = i;
        sel.value = String(i);
        draw();
      },
    };
  }

  WB.renderers.sweep = function (root, data) {
    const r = data.meta.runs;
    const intro = `${data.meta.design}, ${data.factors.length} factor${data.factors.length === 1 ? '' : 's'} (${data.factors.map((f) => f.name).join(', ')}), ${data.scenarios.length} scenario${data.scenarios.length === 1 ? '' : 's'}, ${r.total} runs (${r.ok} ok${r.failed ? `, ${r.failed} failed` : ''})${data.meta.replicates ? `, ${data.meta.replicates} replicate${data.meta.replicates === 1 ? '' : 's'} a point` : ''}${data.meta.seed !== null ? `, seed ${data.meta.seed}` : ''}. Report generated ${data.meta.generatedAt}.`;
    const s1 = WB.section(root, 'sweep-heatmaps', 'Outputs over two factors', intro);
    const hm = heatmap(s1, data);
    const s2 = WB.section(root, 'sweep-sensitivity', 'Sensitivity: which factors move each output');
    const tn = tornado(s2, data);
    if (hm && tn) {
      hm.setOnOutput((output, scenario) => tn.show(output, scenario));
      tn.show(data.outputs[0].name, data.scenarios[0]);
    }
    const s3 = WB.section(root, 'sweep-discovery', 'Scenario discovery: where does a condition hold?');
    WB.sweepDiscovery(s3, data);
    return [
      { id: 'sweep-heatmaps', title: 'Sweep: outputs over two factors' },
      { id: 'sweep-sensitivity', title: 'Sweep: sensitivity' },
      { id: 'sweep-discovery', title: 'Sweep: scenario discovery' },
    ];
  };
})();
