'use strict';
// A comparison's report (comparison.json): per scenario against the baseline, the verdicts side by
// side, ΔBE against ΔNL in a quadrant with the line of pure shift, a difference map per market ×
// echelon, and the Weighted Displacement Quotient of the targeted area.
/* global d3, WB */
(function () {
  const MAP_W = 420;
  /** how strongly a district whose effect is not told apart from noise is drawn: faded towards grey, keeping its direction */
  const NOISE_OPACITY = 0.3;

  const interval = (e) => `${WB.num(e.effect)} (${WB.num(e.ci[0])} to ${WB.num(e.ci[1])})${e.significant ? '' : ' n.s.'}`;
  const windowsSource = (sc) => (sc.windowsFrom === 'scenario' ? 'the scenario’s analysis windows' : 'the windows given on the command line (--before, --after)');
  // An effect whose 95% interval includes 0 is greyed and marked "n.s." (not significant).
  const effectCell = (tr, field, e) => {
    const td = WB.el(tr, 'td', { class: e && !e.significant ? 'num ns' : 'num', 'data-field': field, 'data-significant': e ? String(e.significant) : '' }, e ? interval(e) : '–');
    if (e && !e.significant) td.title = 'The 95% interval includes 0: not told apart from noise.';
    return td;
  };
  const RULE_NAMES = { actors: 'by who carried the change', 'market-volume': 'by market volume' };
  const names = (data, ids) => ids.map((id) => (data.districts.find((d) => d.id === id) || { name: id }).name).join(', ') || '–';

  function verdictTable(parent, data, sc, i) {
    WB.el(parent, 'h3', {}, 'Verdicts side by side');
    const fig = WB.el(parent, 'figure', { class: 'table-figure' });
    const table = WB.el(fig, 'table', { id: `comparison-${i}-verdicts`, class: 'verdict-table' });
    WB.el(
      table,
      'caption',
      { id: `comparison-${i}-windows`, 'data-windows-from': sc.windowsFrom },
      `Both runs' verdicts over the same windows, ${windowsSource(sc)}, and the effect of the scenario: scenario − baseline, mean monthly kilograms over the row's after window, 95% intervals over ${data.meta.reps} replicate pairs. Greyed and marked n.s.: the interval includes 0, so the effect is not told apart from noise.`,
    );
    const head = WB.el(WB.el(table, 'thead'), 'tr');
    ['Market and echelon', `Baseline “${data.meta.baseline}” (rule)`, `Scenario “${sc.name}” (rule)`, 'By market volume (D), baseline → scenario', 'BE gain moved from NL, baseline → scenario', 'Effect in BE, kg/month (95% CI)', 'Effect in NL, kg/month (95% CI)', 'BE sites with a Dutch link after, baseline → scenario', 'Windows'].forEach((c) =>
      WB.el(head, 'th', { scope: 'col' }, c),
    );
    const body = WB.el(table, 'tbody');
    for (const r of sc.rows) {
      const tr = WB.el(body, 'tr', { 'data-row': r.key });
      WB.el(tr, 'th', { scope: 'row' }, r.label);
      for (const [field, v] of [['baseline', r.verdict.baseline], ['scenario', r.verdict.scenario]]) {
        const td = WB.el(tr, 'td', { 'data-field': field, 'data-verdict': v === null ? '' : v });
        if (v === null) td.textContent = '–';
        else WB.verdictBadge(td, v);
        if (field === 'scenario' && v !== null && r.verdict.baseline !== null && v !== r.verdict.baseline) WB.el(td, 'span', { class: 'mismatch' }, ' changed');
        const rules = r.rules[field];
        if (rules) WB.el(td, 'span', { class: 'rule-name', 'data-field': 'verdictRule', 'data-rule': rules.rule }, RULE_NAMES[rules.rule] || rules.rule);
      }
      // plain words, not badges: the badges are the verdicts the table is about
      const volume = (rules) => (rules ? WB.verdictNames[rules.marketVolume] || rules.marketVolume : '–');
      WB.el(
        tr,
        'td',
        { 'data-field': 'marketVolume', 'data-baseline': r.rules.baseline ? r.rules.baseline.marketVolume : '', 'data-scenario': r.rules.scenario ? r.rules.scenario.marketVolume : '' },
        `${volume(r.rules.baseline)} → ${volume(r.rules.scenario)}`,
      );
      const moved = (rules) => (rules ? WB.pct(rules.movedShare) : '–');
      WB.el(tr, 'td', { class: 'num', 'data-field': 'movedShare' }, `${moved(r.rules.baseline)} → ${moved(r.rules.scenario)}`);
      effectCell(tr, 'effectBE', r.BE);
      effectCell(tr, 'effectNL', r.NL);
      WB.el(tr, 'td', { class: 'num', 'data-field': 'dutchLinkAfter' }, `${WB.pct(r.dutchLinkAfter.baseline)} → ${WB.pct(r.dutchLinkAfter.scenario)}`);
      const when = WB.el(tr, 'td', { class: 'dates', 'data-field': 'windows' }, r.windows ? null : '–');
      if (r.windows) {
        WB.el(when, 'span', { class: 'window' }, `before ${r.windows.before[0]} to ${r.windows.before[1]}, `);
        WB.el(when, 'span', { class: 'window' }, `after ${r.windows.after[0]} to ${r.windows.after[1]}`);
      }
    }
    WB.el(
      fig,
      'p',
      { class: 'note' },
      'Each verdict names its rule: by who carried Belgium’s change (a shift when at least half of its gain was moved out of the Netherlands by its carriers), or by market volume where the carriers are not known. ' +
        'The market-volume verdict beside them reads the national totals alone (a shift when the Netherlands lost at least half of Belgium’s gain, D ≥ 0.5). ' +
        '“BE gain moved from NL” is the share of Belgium’s gain whose carriers cut their Dutch activity as much, what the first rule compares with 50% (– where Belgium’s carriers gained nothing, or the carriers are not known).',
    );
    WB.sourceLine(fig, data.meta.source, 'File: comparison.json.');
  }

  function quadrant(parent, data, sc, i) {
    WB.el(parent, 'h3', {}, 'Did activity move or grow? ΔBE against ΔNL');
    WB.el(
      parent,
      'p',
      { class: 'note' },
      'Each point is a market and echelon: the change in Belgium (across) and in the Netherlands (up), scenario − baseline, in % of the row’s baseline BE + NL activity, with 95% intervals. ' +
        'On the dashed line the Netherlands lost exactly what Belgium gained (pure shift); above it the total grew, below it the total shrank. ' +
        'Hollow grey points: neither interval excludes 0 (not told apart from noise).',
    );
    const rows = sc.rows.filter((r) => r.relative);
    const W = 540;
    const H = 460;
    const M = { top: 20, right: 30, bottom: 46, left: 62 };
    // The scale fits the points, not their intervals: with few replicates an interval can be many
    // times wider than every effect and would squeeze all points into the origin (they are clipped).
    const lim = 1.25 * (d3.max(rows.flatMap((r) => [Math.abs(r.relative.BE), Math.abs(r.relative.NL)])) || 0.8);
    const x = d3.scaleLinear().domain([-lim, lim]).nice().range([M.left, W - M.right]);
    const y = d3.scaleLinear().domain(x.domain()).range([H - M.bottom, M.top]);
    const fig = WB.el(parent, 'figure', { class: 'quadrant-figure' });
    const svg = WB.svg(fig, W, H, `ΔBE against ΔNL for ${sc.name}`).attr('id', `comparison-${i}-quadrant`).attr('class', 'quadrant');
    const clip = `comparison-${i}-clip`;
    svg.append('clipPath').attr('id', clip).append('rect').attr('x', M.left).attr('y', M.top).attr('width', W - M.left - M.right).attr('height', H - M.top - M.bottom);
    const [lo, hi] = x.domain();
    const plot = svg.append('g').attr('clip-path', `url(#${clip})`);
    plot.append('line').attr('class', 'zero').attr('x1', x(0)).attr('x2', x(0)).attr('y1', M.top).attr('y2', H - M.bottom);
    plot.append('line').attr('class', 'zero').attr('x1', M.left).attr('x2', W - M.right).attr('y1', y(0)).attr('y2', y(0));
    plot.append('line').attr('class', 'shift-line').attr('x1', x(lo)).attr('y1', y(-lo)).attr('x2', x(hi)).attr('y2', y(-hi));
    const angle = (Math.atan2(y(-hi) - y(-lo), x(hi) - x(lo)) * 180) / Math.PI;
    svg
      .append('text')
      .attr('class', 'shift-label')
      .attr('transform', `translate(${x(lo * 0.55)},${y(-lo * 0.55) - 5}) rotate(${angle})`)
      .text('pure shift: ΔNL = −ΔBE');
    const corner = (tx, ty, anchor, text) => svg.append('text').attr('class', 'quadrant-label').attr('x', tx).attr('y', ty).attr('text-anchor', anchor).text(text);
    corner(W - M.right - 4, M.top + 12, 'end', 'both rose');
    corner(M.left + 4, M.top + 12, 'start', 'BE fell, NL rose');
    corner(M.left + 4, H - M.bottom - 6, 'start', 'both fell');
    corner(W - M.right - 4, H - M.bottom - 22, 'end', 'BE rose, NL fell');
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).ticks(6).tickFormat((v) => `${WB.axisNum(v)}%`));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(6).tickFormat((v) => `${WB.axisNum(v)}%`));
    svg.append('text').attr('class', 'axis-title').attr('x', (M.left + W - M.right) / 2).attr('y', H - 8).attr('text-anchor', 'middle').text('ΔBE, % of baseline BE + NL activity');
    svg.append('text').attr('class', 'axis-title').attr('transform', `translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text('ΔNL, % of baseline BE + NL activity');
    const noise = (r) => !(r.BE && r.BE.significant) && !(r.NL && r.NL.significant);
    const pts = plot
      .selectAll('g.quadrant-point')
      .data(rows)
      .join('g')
      .attr('class', (r) => (noise(r) ? 'quadrant-point ns' : 'quadrant-point'))
      .attr('data-row', (r) => r.key);
    pts.append('line').attr('class', 'ci').attr('x1', (r) => x(r.relative.BE_ci[0])).attr('x2', (r) => x(r.relative.BE_ci[1])).attr('y1', (r) => y(r.relative.NL)).attr('y2', (r) => y(r.relative.NL));
    pts.append('line').attr('class', 'ci').attr('y1', (r) => y(r.relative.NL_ci[0])).attr('y2', (r) => y(r.relative.NL_ci[1])).attr('x1', (r) => x(r.relative.BE)).attr('x2', (r) => x(r.relative.BE));
    pts.append('circle').attr('r', 4.5).attr('cx', (r) => x(r.relative.BE)).attr('cy', (r) => y(r.relative.NL));
    pts.append('title').text((r) => `${r.label}: ΔBE ${WB.num(r.relative.BE)}%, ΔNL ${WB.num(r.relative.NL)}%${noise(r) ? ' (not significant)' : ''}`);
    // Labels right of their points, pushed apart vertically where points sit close together.
    const placed = rows.map((r) => ({ r, x: x(r.relative.BE) + 7, y: y(r.relative.NL) + 4 })).sort((a, b) => a.y - b.y);
    for (let k = 1; k < placed.length; k++) {
      const near = placed.slice(0, k).filter((p) => Math.abs(p.x - placed[k].x) < 110);
      const last = near.length ? Math.max(...near.map((p) => p.y)) : -Infinity;
      if (placed[k].y - last < 13) placed[k].y = last + 13;
    }
    svg
      .append('g')
      .selectAll('text')
      .data(placed)
      .join('text')
      .attr('class', (p) => (noise(p.r) ? 'point-label ns' : 'point-label'))
      .attr('x', (p) => p.x)
      .attr('y', (p) => p.y)
      .text((p) => p.r.label);
    WB.el(fig, 'p', { class: 'note' }, 'Intervals that run off the chart are cut at its edge.' + (rows.length < sc.rows.length ? ' Rows without baseline activity have no point.' : ''));
    WB.sourceLine(fig, data.meta.source, 'File: comparison.json (effects).');
    WB.dataTable(fig, 'Data table: the points of the chart', () => ({
      columns: ['Market and echelon', 'ΔBE, % of BE + NL', 'ΔNL, % of BE + NL', 'ΔBE, kg/month (95% CI)', 'ΔNL, kg/month (95% CI)', 'Baseline BE + NL, kg/month'],
      rows: sc.rows.map((r) => [
        r.label,
        r.relative ? `${WB.num(r.relative.BE)}%` : '–',
        r.relative ? `${WB.num(r.relative.NL)}%` : '–',
        r.BE ? interval(r.BE) : '–',
        r.NL ? interval(r.NL) : '–',
        r.BE && r.NL ? WB.num(r.BE.baseline + r.NL.baseline) : '–',
      ]),
      numeric: [false, true, true, true, true, true],
    }));
  }

  function differenceMap(parent, data, sc, i) {
    WB.el(parent, 'h3', {}, 'Where did it change? Scenario − baseline per district');
    const rows = sc.rows.filter((r) => r.districts.some((d) => d));
    if (rows.length === 0) return;
    const state = { row: (rows.find((r) => r.key === 'cannabis/production') || rows[0]).key };
    const controls = WB.el(parent, 'div', { class: 'controls' });
    WB.select(controls, `comparison-${i}-row`, 'Market and echelon', rows.map((r) => ({ value: r.key, label: r.label })), state.row, (v) => {
      state.row = v;
      paint();
      table.refresh();
    });
    const fig = WB.el(parent, 'figure', { class: 'map-figure' });
    const heading = WB.el(fig, 'p', { class: 'chart-title' });
    const projection = d3.geoMercator().fitWidth(MAP_W, data.geojson);
    const height = Math.ceil(d3.geoPath(projection).bounds(data.geojson)[1][1]) + 4;
    const svg = WB.svg(fig, MAP_W, height, `Difference map for ${sc.name}`).attr('id', `comparison-${i}-map`).attr('class', 'map');
    const treatment = new Set(sc.areas ? sc.areas.treatment : sc.targeted);
    const buffer = new Set(sc.areas ? sc.areas.buffer : []);
    const shapes = WB.districtShapes(svg, data.geojson, projection)
      .classed('treatment', (f) => treatment.has(f.properties.id))
      .classed('buffer', (f) => buffer.has(f.properties.id));
    const legend = WB.svg(fig, MAP_W, 60, 'colour legend').attr('class', 'legend');
    WB.el(
      fig,
      'p',
      { class: 'note' },
      (treatment.size ? 'Solid outline: districts the scenario’s new policies target (treatment area). ' : 'The scenario’s new policies target no district. ') +
        (buffer.size ? 'Dashed outline: their neighbours (buffer area). ' : '') +
        'Brown: less activity than in the baseline; blue-green: more; faded: the district’s 95% interval includes 0 (not told apart from noise; its value is marked n.s. in the data table).',
    );
    WB.sourceLine(fig, data.meta.source, `File: comparison.json (districtEffects). ${data.meta.mapCredit}`);
    const table = WB.dataTable(fig, 'Data table: the map’s values', () => {
      const r = sc.rows.find((x) => x.key === state.row);
      return {
        columns: ['District', 'Country', 'Area', 'Baseline, kg/month', 'Scenario, kg/month', 'Effect, kg/month (95% CI)'],
        rows: data.districts.map((d, k) => {
          const e = r.districts[k];
          const area = treatment.has(d.id) ? 'treatment' : buffer.has(d.id) ? 'buffer' : sc.areas ? 'control' : '–';
          return [d.name, d.country, area, e ? WB.num(e.baseline) : '–', e ? WB.num(e.scenario) : '–', e ? interval(e) : '–'];
        }),
        numeric: [false, false, false, true, true, true],
        rowClasses: data.districts.map((d, k) => (r.districts[k] && !r.districts[k].significant ? 'ns' : null)),
      };
    });

    function paint() {
      const r = sc.rows.find((x) => x.key === state.row);
      const top = r.top > 0 ? r.top : 1;
      const colour = d3.scaleDiverging(d3.interpolateBrBG).domain([-top, 0, top]).clamp(true);
      heading.textContent = `${r.label}: change in volume, scenario − baseline, kg per month${r.windows ? `, ${r.windows.after[0]} to ${r.windows.after[1]}` : ''}`;
      shapes
        .attr('fill', (f, k) => (r.districts[k] ? colour(r.districts[k].effect) : '#eee'))
        .attr('fill-opacity', (f, k) => (r.districts[k] && !r.districts[k].significant ? NOISE_OPACITY : null))
        .classed('ns', (f, k) => Boolean(r.districts[k] && !r.districts[k].significant))
        .attr('data-value', (f, k) => (r.districts[k] ? r.districts[k].effect : ''))
        .attr('data-significant', (f, k) => (r.districts[k] ? String(r.districts[k].significant) : ''));
      shapes.select('title').text((f, k) => `${f.properties.name} (${f.properties.country}): ${r.districts[k] ? interval(r.districts[k]) + ' kg/month' : 'no data'}`);
      legend.selectAll('*').remove();
      const w = 300;
      const x0 = 24; // room for the first tick's label
      const gid = `comparison-${i}-grad`;
      const grad = legend.append('defs').append('linearGradient').attr('id', gid);
      d3.range(0, 1.0001, 0.1).forEach((t) => grad.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', d3.interpolateBrBG(t)));
      legend.append('rect').attr('x', x0).attr('y', 6).attr('width', w).attr('height', 10).attr('fill', `url(#${gid})`).attr('stroke', '#999');
      [-top, -top / 2, 0, top / 2, top].forEach((t) => {
        const px = x0 + ((t + top) / (2 * top)) * w;
        legend.append('line').attr('x1', px).attr('x2', px).attr('y1', 16).attr('y2', 20).attr('stroke', '#333');
        legend.append('text').attr('x', px).attr('y', 31).attr('text-anchor', 'middle').text(WB.axisNum(t));
      });
      legend.append('text').attr('class', 'legend-unit').attr('x', x0 + w + 10).attr('y', 15).text('kg per month');
      legend.append('rect').attr('x', x0).attr('y', 42).attr('width', 14).attr('height', 10).attr('fill', d3.interpolateBrBG(0.15)).attr('fill-opacity', NOISE_OPACITY).attr('stroke', '#999');
      legend.append('text').attr('class', 'legend-unit').attr('x', x0 + 20).attr('y', 51).text('faded: not significant (the 95% interval includes 0)');
    }
    paint();
  }

  function wdqTable(parent, data, sc, i) {
    WB.el(parent, 'h3', {}, 'Displacement around the targeted area (WDQ)');
    if (!sc.areas) {
      WB.el(parent, 'p', { class: 'note', id: `comparison-${i}-wdq` }, 'The scenario’s new policies target no districts (or leave no control area), so the Weighted Displacement Quotient is not defined.');
      return;
    }
    const facts = WB.el(parent, 'dl', { class: 'facts' });
    for (const [k, ids] of [['Treatment area', sc.areas.treatment], ['Buffer area', sc.areas.buffer], ['Control area', sc.areas.control]]) {
      WB.el(facts, 'dt', {}, k);
      WB.el(facts, 'dd', {}, names(data, ids));
    }
    const reading = (w) => {
      if (!w) return 'not defined';
      if (w.reason) return w.reason;
      if (w.wdq === null || w.successMeasure === null) return 'not defined (no change in the treatment area, or no control activity)';
      if (w.successMeasure >= 0) return 'the treatment area did not fall against the control area: no displacement to measure';
      if (w.wdq < -1) return 'displacement into the buffer, more than was prevented';
      if (w.wdq < 0) return 'some displacement into the buffer';
      if (w.wdq > 0) return 'diffusion of benefits: the buffer fell too';
      return 'no displacement';
    };
    const fig = WB.el(parent, 'figure', { class: 'table-figure' });
    const table = WB.el(fig, 'table', { id: `comparison-${i}-wdq`, class: 'wdq-table' });
    WB.el(
      table,
      'caption',
      {},
      'Weighted Displacement Quotient (Bowers & Johnson 2003) from the scenario’s own run, before against after, true volumes: success = change of treatment relative to control, buffer = the same for the buffer, WDQ = buffer / success. ' +
        'Given only for the rows the new policies act on, and only where they changed the treatment area significantly against the baseline (treatment effect: scenario − baseline there, kg/month over the after window, 95% interval); other rows are greyed.',
    );
    const head = WB.el(WB.el(table, 'thead'), 'tr');
    ['Market and echelon', 'Acted on', 'Treatment effect, kg/month (95% CI)', 'Success measure', 'Buffer measure', 'WDQ', 'Reading'].forEach((c) => WB.el(head, 'th', { scope: 'col' }, c));
    const body = WB.el(table, 'tbody');
    const f = (x) => (x === null || x === undefined ? '–' : WB.num(x));
    for (const r of sc.rows) {
      const given = r.wdq && r.wdq.wdq !== null;
      const tr = WB.el(body, 'tr', { 'data-row': r.key, class: given ? null : 'ns' });
      WB.el(tr, 'th', { scope: 'row' }, r.label);
      WB.el(tr, 'td', { 'data-field': 'actedOn' }, r.wdq ? (r.wdq.actedOn ? 'yes' : 'no') : '–');
      effectCell(tr, 'treatmentEffect', r.wdq && r.wdq.treatment);
      WB.el(tr, 'td', { class: 'num' }, f(r.wdq && r.wdq.successMeasure));
      WB.el(tr, 'td', { class: 'num' }, f(r.wdq && r.wdq.bufferMeasure));
      WB.el(tr, 'td', { class: 'num', 'data-field': 'wdq' }, f(r.wdq && r.wdq.wdq));
      WB.el(tr, 'td', {}, reading(r.wdq));
    }
    WB.sourceLine(fig, data.meta.source, 'File: comparison.json (wdq, areas).');
  }

  WB.renderers.comparison = function (root, data) {
    return data.scenarios.map((sc, i) => {
      const id = `comparison-${i + 1}`;
      const title = `“${sc.name}” against “${data.meta.baseline}”`;
      const s = WB.section(root, id, title, sc.description);
      if (sc.newEvents.length) {
        WB.el(s, 'p', {}, 'What the scenario adds to the baseline:');
        const ul = WB.el(s, 'ul', { id: `${id}-events` });
        for (const e of sc.newEvents) WB.el(ul, 'li', {}, `${e.label} (${e.type}): from ${e.start}${e.end ? ' to ' + e.end : ''}; ${e.where}.`);
      } else WB.el(s, 'p', { class: 'note' }, 'The scenario has no policy event the baseline lacks (it may change parameters instead).');
      verdictTable(s, data, sc, i + 1);
      quadrant(s, data, sc, i + 1);
      differenceMap(s, data, sc, i + 1);
      wdqTable(s, data, sc, i + 1);
      return { id, title: `Comparison: ${sc.name}` };
    });
  };
})();
