'use strict';
// Small multiples: Belgian against Dutch totals over time for every market × echelon, with bands
// over replicates, the scenario's policies as numbered lines and the verdict's analysis windows.
/* global d3, WB */
(function () {
  const run = (WB.run = WB.run || {});
  const W = 400;
  const H0 = 230;
  const BASE = { top: 30, right: 34, bottom: 26, left: 50 };
  const stepNames = { month: 'month', quarter: 'quarter', year: 'year' };

  /** Mean of the monthly values over each period (the periods come prepared with the data). */
  function periodMeans(values, periods) {
    return periods.map((p) => {
      let sum = 0;
      for (let i = p.from; i < p.to; i++) sum += values[i];
      return sum / (p.to - p.from);
    });
  }

  let clipCount = 0;

  function panel(grid, data, row, metric, step) {
    const raw = data.multiples[row.key][metric];
    const periods = data.periods[step];
    const series = {};
    for (const c of ['BE', 'NL']) series[c] = { value: periodMeans(raw[c].value, periods), lo: periodMeans(raw[c].lo, periods), hi: periodMeans(raw[c].hi, periods) };
    // Room above the plot for the stacked badges of policies that start close together.
    const lanes = data.events.reduce((n, e) => Math.max(n, e.lane + 1), 0);
    const M = Object.assign({}, BASE, { top: BASE.top + 16 * Math.max(0, lanes - 1) });
    const H = H0 + (M.top - BASE.top);
    const fig = WB.el(grid, 'figure', { class: 'panel', 'data-row': row.key });
    WB.el(fig, 'h3', { class: 'chart-title' }, row.label);
    const svg = WB.svg(fig, W, H, `${row.label}: ${data.metrics[metric].label}, Belgium and the Netherlands over time`);
    const months = data.months;
    const start = WB.monthDate(months[0]);
    const end = WB.monthEnd(months[months.length - 1]);
    const x = d3.scaleUtc().domain([start, end]).range([M.left, W - M.right]);
    const mid = (p) => x(new Date((WB.monthDate(months[p.from]).getTime() + WB.monthEnd(months[p.to - 1]).getTime()) / 2));
    const top = d3.max(['BE', 'NL'].flatMap((c) => series[c].hi)) || 1;
    const y = d3.scaleLinear().domain([0, top]).nice(4).range([H - M.bottom, M.top]);
    const clip = `clip-${++clipCount}`;
    svg.append('clipPath').attr('id', clip).append('rect').attr('x', M.left).attr('y', M.top).attr('width', W - M.left - M.right).attr('height', H - M.top - M.bottom);
    const plot = svg.append('g').attr('clip-path', `url(#${clip})`);

    // Analysis windows of the verdict (only rows of the verdict table have them).
    const verdict = data.verdicts.rows.find((r) => `${r.market}/${r.echelon}` === row.key);
    if (verdict) {
      for (const [name, w] of [['before', verdict.before], ['after', verdict.after]]) {
        const a = Math.max(M.left, x(new Date(w[0] + 'T00:00:00Z')));
        const b = Math.min(W - M.right, x(new Date(Date.parse(w[1] + 'T00:00:00Z') + 864e5))); // windows include their last day
        if (b <= a) continue;
        plot.append('rect').attr('class', 'window').attr('x', a).attr('y', M.top).attr('width', b - a).attr('height', H - M.bottom - M.top);
        plot.append('text').attr('class', 'window-label').attr('x', (a + b) / 2).attr('y', H - M.bottom - 4).attr('text-anchor', 'middle').text(name);
      }
    }
    // Policies: a light span while in force, a dashed line at the start, a numbered badge.
    const ev = svg.append('g').attr('class', 'events');
    for (const e of data.events) {
      const a = x(WB.monthDate(months[e.from]));
      const b = e.to === null ? W - M.right : x(WB.monthEnd(months[e.to]));
      // An event that ends within the run gets a bracket along the top to its end (open-ended ones,
      // most of them, would only stack shading over each other).
      if (e.to !== null) ev.append('path').attr('class', 'event-end').attr('d', `M${a},${M.top}H${b}V${M.top + 6}`);
      ev.append('line').attr('class', 'event-line').attr('x1', a).attr('x2', a).attr('y1', M.top - 4).attr('y2', H - M.bottom).attr('data-event', e.n);
      const badge = ev.append('g').attr('class', 'event-badge').attr('transform', `translate(${a},${M.top - 11 - e.lane * 16})`);
      badge.append('circle').attr('r', 7);
      badge.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').text(e.n);
      badge.append('title').text(`${e.n}. ${e.label}: from ${e.start}${e.end ? ' to ' + e.end : ''}, ${e.where}`);
    }

    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).ticks(Math.min(6, Math.max(2, Math.round(months.length / 12)))).tickSizeOuter(0));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(4).tickFormat(WB.axisNum));
    svg.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', M.top - 18 - 16 * Math.max(0, lanes - 1)).text(data.metrics[metric].unit);

    for (const c of ['NL', 'BE']) {
      const s = series[c];
      const area = d3
        .area()
        .x((_, i) => mid(periods[i]))
        .y0((_, i) => y(Math.max(0, s.lo[i])))
        .y1((_, i) => y(s.hi[i]));
      plot.append('path').attr('class', 'band').attr('d', area(s.value)).attr('fill', WB.colours[c]).attr('data-country', c);
      const line = d3
        .line()
        .x((_, i) => mid(periods[i]))
        .y((v) => y(v));
      plot.append('path').attr('class', 'line').attr('d', line(s.value)).attr('stroke', WB.colours[c]).attr('data-country', c);
      svg.append('text').attr('class', 'end-label').attr('x', W - M.right + 4).attr('y', y(s.value[s.value.length - 1])).attr('dy', '0.35em').attr('fill', WB.colours[c]).text(c);
    }
    // The end labels can collide when BE and NL end close together: nudge them apart.
    const labels = svg.selectAll('text.end-label').nodes();
    const [a, b] = labels.map((n) => Number(n.getAttribute('y')));
    if (Math.abs(a - b) < 11) {
      const m = (a + b) / 2;
      labels[0].setAttribute('y', a <= b ? m - 6 : m + 6);
      labels[1].setAttribute('y', a <= b ? m + 6 : m - 6);
    }
    return fig;
  }

  run.multiples = function (root, data) {
    const id = 'over-time';
    const title = 'Belgium and the Netherlands over time';
    const s = WB.section(
      root,
      id,
      title,
      'Country totals per market and echelon: the line is the mean over replicates, the shaded band its 95% interval. ' +
        'Numbered lines are the scenario’s policies (listed below the charts); grey blocks are the verdict’s before and after windows.',
    );
    const metrics = Object.keys(data.metrics).filter((m) => data.rows.some((r) => data.multiples[r.key][m]));
    if (metrics.length === 0) {
      WB.el(s, 'p', { class: 'note' }, 'The results record no activity, so there is nothing to chart.');
      return { id, title: 'Over time' };
    }
    const state = { metric: metrics.includes('volume_kg') ? 'volume_kg' : metrics[0], step: data.seriesStep };
    const controls = WB.el(s, 'div', { class: 'controls' });
    const redraw = () => {
      draw();
      table.refresh();
    };
    WB.select(controls, 'multiples-metric', 'Metric', metrics.map((m) => ({ value: m, label: `${data.metrics[m].label} (${data.metrics[m].unit}${data.metrics[m].observed ? ', observed' : ''})` })), state.metric, (v) => {
      state.metric = v;
      redraw();
    });
    WB.select(controls, 'multiples-step', 'Points', ['month', 'quarter', 'year'].map((p) => ({ value: p, label: p === 'month' ? 'every month' : `mean per ${p}` })), state.step, (v) => {
      state.step = v;
      redraw();
    });
    const legend = WB.el(s, 'div', { class: 'legend-row', 'aria-label': 'Legend' });
    WB.legendItem(legend, 'line', WB.colours.BE, 'Belgium (BE)');
    WB.legendItem(legend, 'line', WB.colours.NL, 'Netherlands (NL)');
    WB.legendItem(legend, 'band', '#777', '95% interval over replicates');
    WB.legendItem(legend, 'event', '#333', 'a policy starts (number: see the list)');
    WB.legendItem(legend, 'window', null, 'verdict windows (before, after)');
    const heading = WB.el(s, 'p', { class: 'chart-subtitle', id: 'multiples-heading' });
    const grid = WB.el(s, 'div', { class: 'multiples', id: 'multiples' });

    const events = WB.el(s, 'div', { class: 'events-list' });
    WB.el(events, 'h3', {}, 'Policies of the scenario');
    if (data.events.length === 0) WB.el(events, 'p', { class: 'note', id: 'no-events' }, 'This scenario sets no policies: the run shows the model on its default parameters.');
    else {
      const ol = WB.el(events, 'ol', { id: 'event-list' });
      for (const e of data.events) {
        const li = WB.el(ol, 'li', { value: e.n, 'data-event': e.n });
        WB.el(li, 'strong', {}, e.label);
        li.appendChild(document.createTextNode(` (${e.type}): from ${e.start}${e.end ? ' to ' + e.end : ''}${e.startsBefore ? ' (before the run starts)' : ''}; ${e.where}.`));
      }
    }
    WB.el(
      s,
      'p',
      { class: 'note caveat' },
      'Months of five weeks count more than months of four, so monthly flows zigzag; means per quarter or year smooth this out. ' +
        'The band is the 95% interval over replicates of the country total (each replicate’s sum over the country’s districts); for quarters and years, the mean of the months’ interval ends.',
    );
    WB.sourceLine(s, data.meta.source, 'File: series.parquet (country-total rows).');
    const table = WB.dataTable(s, 'Data table: the values shown, per period', () => {
      const rows = data.rows.filter((r) => data.multiples[r.key][state.metric]);
      const periods = data.periods[state.step];
      const cols = rows.flatMap((r) => ['BE', 'NL'].map((c) => periodMeans(data.multiples[r.key][state.metric][c].value, periods)));
      return {
        columns: [stepNames[state.step], ...rows.flatMap((r) => [`${r.label}: BE`, `${r.label}: NL`])],
        rows: periods.map((p, i) => [p.label, ...cols.map((col) => WB.num(col[i]))]),
        numeric: [false, ...cols.map(() => true)],
      };
    });

    function draw() {
      grid.textContent = '';
      const m = data.metrics[state.metric];
      const per = state.step === 'month' ? 'each month' : `mean per ${state.step}`;
      heading.textContent = `${m.label}${m.observed ? ' (observed by police)' : ''}, ${m.unit}, ${per}, ${data.months[0]} to ${data.months[data.months.length - 1]}`;
      for (const row of data.rows) if (data.multiples[row.key][state.metric]) panel(grid, data, row, state.metric, state.step);
    }
    draw();
    return { id, title: 'Over time' };
  };
})();
