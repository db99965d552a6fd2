'use strict';
// The district map: true activity beside what police observe, for a chosen market × echelon and
// metrics, with a time slider and a play button that step month by month, policy targets outlined,
// and relocation arrows on the true map (run-flows.js).
/* global d3, WB */
(function () {
  const run = (WB.run = WB.run || {});
  const WIDTH = 420;
  const stepWords = { month: 'month', quarter: 'quarter', year: 'year' };
  const frameMs = { month: 150, quarter: 300, year: 600 };

  function projectionFor(geojson) {
    return d3.geoMercator().fitWidth(WIDTH, geojson);
  }

  /** One map: shapes, a legend and (on the true map) a layer for arrows. */
  function drawMap(parent, id, data, projection, height, label) {
    const fig = WB.el(parent, 'figure', { class: 'map-figure' });
    const heading = WB.el(fig, 'h3', { class: 'chart-title', id: `${id}-title` });
    const svg = WB.svg(fig, WIDTH, height, label).attr('id', id).attr('class', 'map');
    const shapes = WB.districtShapes(svg, data.geojson, projection);
    // The national border drawn over the districts: where BE ends and NL begins matters most here.
    svg.append('g').attr('class', 'flows');
    const legend = WB.svg(fig, WIDTH, 46, 'colour legend').attr('class', 'legend');
    return { fig, heading, svg, shapes, legend };
  }

  function drawLegend(legend, scale, info, ticks, unit) {
    legend.selectAll('*').remove();
    const w = 260;
    const x0 = 10;
    const id = `grad-${Math.random().toString(36).slice(2)}`;
    const grad = legend.append('defs').append('linearGradient').attr('id', id);
    d3.range(0, 1.0001, 0.1).forEach((t) => grad.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', scale.interpolator()(t)));
    legend.append('rect').attr('x', x0).attr('y', 6).attr('width', w).attr('height', 10).attr('fill', info.top > 0 ? `url(#${id})` : scale.interpolator()(0)).attr('stroke', '#999');
    const pos = (t) => x0 + (info.top > 0 ? Math.sqrt(t / info.top) * w : 0);
    const g = legend.append('g').attr('class', 'ticks');
    ticks.forEach((t) => {
      g.append('line').attr('x1', pos(t)).attr('x2', pos(t)).attr('y1', 16).attr('y2', 20).attr('stroke', '#333');
      g.append('text').attr('x', pos(t)).attr('y', 31).attr('text-anchor', 'middle').text(WB.axisNum(t));
    });
    legend.append('text').attr('x', x0 + w + 10).attr('y', 15).attr('class', 'legend-unit').text(unit);
    legend
      .append('text')
      .attr('x', x0)
      .attr('y', 44)
      .attr('class', 'legend-note')
      .text(info.top > 0 ? 'square-root colour scale, same for every period' : 'no activity in this run');
  }

  run.map = function (root, data) {
    const id = 'map';
    const step = data.map.step;
    const title = 'Where is the activity? The districts over time';
    const what =
      step === 'month'
        ? 'Each colour is the district’s value in the month shown (a stock such as sites as the month’s mean)'
        : `Each colour is the mean monthly value over the ${stepWords[step]} shown`;
    const s = WB.section(
      root,
      id,
      title,
      `Left: what really happens in the model. Right: what police see of it, which rises with police effort as well as with activity. ` +
        `${what}; drag the slider or press Play to step through the run ${stepWords[step]} by ${stepWords[step]}.`,
    );
    // Rows without any of the map's metrics (viz/mapData.ts) have nothing to colour.
    const rows = data.rows.filter((r) => data.map.values[r.key] && Object.keys(data.map.values[r.key]).length > 0);
    if (rows.length === 0) {
      WB.el(s, 'p', { class: 'note' }, 'The results record no activity in any district, so there is nothing to map.');
      return { id, title: 'Map' };
    }
    // Monthly values arrive encoded (map-codec.js); a series is decoded the first time it is shown.
    const decoded = new Map();
    const seriesOf = (row, metric) => {
      const key = `${row}\t${metric}`;
      if (!decoded.has(key)) decoded.set(key, data.map.values[row][metric].byDistrict.map((v) => WB.decodeMonthly(v, data.map.periods.length)));
      return decoded.get(key);
    };
    const observedOf = (row) => Object.keys(data.map.values[row]).filter((m) => data.metrics[m].observed);
    const trueOf = (row) => Object.keys(data.map.values[row]).filter((m) => !data.metrics[m].observed);
    // Opens on the last period: where the activity is now, after every policy of the scenario.
    const state = { row: (rows.find((r) => r.key === 'cannabis/production') || rows[0] || {}).key, trueMetric: null, obsMetric: null, period: Math.max(0, data.map.periods.length - 1), flows: true };
    const pickMetrics = () => {
      const t = trueOf(state.row);
      const o = observedOf(state.row);
      if (!t.includes(state.trueMetric)) state.trueMetric = t.includes('volume_kg') ? 'volume_kg' : t[0] || null;
      if (!o.includes(state.obsMetric)) state.obsMetric = o.includes('dismantled_sites') ? 'dismantled_sites' : o[0] || null;
    };
    pickMetrics();

    const controls = WB.el(s, 'div', { class: 'controls', role: 'group', 'aria-label': 'Map settings' });
    const metricOptions = (names) => names.map((m) => ({ value: m, label: `${data.metrics[m].label} (${data.metrics[m].unit})` }));
    WB.select(controls, 'map-row', 'Market and echelon', rows.map((r) => ({ value: r.key, label: r.label })), state.row, (v) => {
      state.row = v;
      pickMetrics();
      refillMetricSelects();
      update();
    });
    const trueSelect = WB.select(controls, 'map-true-metric', 'True metric (left)', [], null, (v) => {
      state.trueMetric = v;
      update();
    });
    const obsSelect = WB.select(controls, 'map-observed-metric', 'Observed metric (right)', [], null, (v) => {
      state.obsMetric = v;
      update();
    });
    const refillMetricSelects = () => {
      for (const [sel, names, value] of [[trueSelect, trueOf(state.row), state.trueMetric], [obsSelect, observedOf(state.row), state.obsMetric]]) {
        sel.textContent = '';
        metricOptions(names).forEach((o) => WB.el(sel, 'option', { value: o.value, selected: o.value === value }, o.label));
      }
    };
    refillMetricSelects();
    const flowLabel = WB.el(controls, 'label', { class: 'control checkbox', for: 'map-flows' });
    const flowBox = WB.el(flowLabel, 'input', { type: 'checkbox', id: 'map-flows', checked: true });
    WB.el(flowLabel, 'span', {}, 'Relocation arrows');
    flowBox.addEventListener('change', () => {
      state.flows = flowBox.checked;
      update();
    });

    const time = WB.el(s, 'div', { class: 'controls time', role: 'group', 'aria-label': 'Time' });
    const play = WB.el(time, 'button', { type: 'button', id: 'map-play', 'aria-pressed': 'false' }, '▶ Play');
    const sliderLabel = WB.el(time, 'label', { class: 'slider', for: 'map-slider' });
    WB.el(sliderLabel, 'span', { class: 'visually-hidden' }, step === 'month' ? 'Month' : 'Period');
    const slider = WB.el(sliderLabel, 'input', { type: 'range', id: 'map-slider', min: 0, max: Math.max(0, data.map.periods.length - 1), step: 1, value: state.period });
    const periodOut = WB.el(time, 'output', { id: 'map-period', for: 'map-slider', 'aria-live': 'polite' });

    const pair = WB.el(s, 'div', { class: 'map-pair' });
    const projection = projectionFor(data.geojson);
    const bounds = d3.geoPath(projection).bounds(data.geojson);
    const height = Math.ceil(bounds[1][1]) + 4;
    const left = drawMap(pair, 'map-true', data, projection, height, 'Map of true activity per district');
    const right = drawMap(pair, 'map-observed', data, projection, height, 'Map of what police observe per district');

    const notes = WB.el(s, 'div', { class: 'map-notes' });
    const policyNote = WB.el(notes, 'p', { id: 'map-policies', class: 'note' });
    const seats = data.districts.map((d) => projection([d.lon, d.lat]));
    const flows = run.mapFlows(data, left.svg, seats, notes);
    WB.sourceLine(s, data.meta.source, `Files: series.parquet (total rows)${flows.source === 'flows.csv' ? ', flows.csv' : ''}. ${data.meta.mapCredit}`);

    const valuesTable = WB.dataTable(s, `Data table: the map’s values for the ${stepWords[step]} shown`, () => {
      const shown = [state.trueMetric, state.obsMetric].filter((m) => m);
      const value = (metric, i) => seriesOf(state.row, metric)[i][state.period];
      return {
        columns: ['District', 'Country', ...shown.map((m) => `${data.metrics[m].label} (${data.metrics[m].unit})`)],
        rows: data.districts.map((d, i) => [d.name, d.country, ...shown.map((m) => WB.num(value(m, i)))]),
        numeric: [false, false, true, true],
      };
    });
    flows.table(s);

    function paint(m, metric) {
      const info = metric ? data.map.values[state.row][metric] : null;
      const scale = d3.scaleSequentialSqrt(d3.interpolateYlGnBu).domain([0, info && info.top > 0 ? info.top : 1]).clamp(true);
      const idx = new Map(data.districts.map((d, i) => [d.id, i]));
      const values = info ? seriesOf(state.row, metric) : null;
      const valueOf = (f) => (values ? values[idx.get(f.properties.id)][state.period] : null);
      m.shapes.attr('fill', (f) => (info ? scale(valueOf(f)) : '#eee')).attr('data-value', (f) => valueOf(f));
      m.shapes.select('title').text((f) => `${f.properties.name} (${f.properties.country}): ${info ? WB.num(valueOf(f)) + ' ' + data.metrics[metric].unit : 'no data'}`);
      if (info) drawLegend(m.legend, scale, info, info.ticks, data.metrics[metric].unit);
      else m.legend.selectAll('*').remove();
    }

    function update() {
      const p = data.map.periods[state.period];
      const row = data.rows.find((r) => r.key === state.row);
      periodOut.textContent = p ? p.label : '';
      slider.value = String(state.period);
      const tm = data.metrics[state.trueMetric];
      const om = state.obsMetric ? data.metrics[state.obsMetric] : null;
      left.heading.textContent = `True: ${tm ? tm.label : '–'}, ${row ? row.label.toLowerCase() : ''} — ${p ? p.label : ''}`;
      right.heading.textContent = om ? `Observed by police: ${om.label}, ${row ? row.label.toLowerCase() : ''} — ${p ? p.label : ''}` : 'Observed: no observed metric for this row';
      paint(left, state.trueMetric);
      paint(right, state.obsMetric);
      // Districts a policy targets while it is in force: outlined on both maps.
      const month = p ? p.from : 0;
      const active = data.events.filter((e) => e.from <= month && (e.to === null || e.to >= month));
      const targeted = new Set(active.flatMap((e) => e.districts));
      for (const m of [left, right]) m.shapes.classed('targeted', (f) => targeted.has(f.properties.id));
      policyNote.textContent = active.length
        ? `Policies in force (dashed outline): ${active.map((e) => `${e.n}. ${e.label} (${e.where})`).join('; ')}.`
        : 'No policy of the scenario is in force in this period.';
      flows.update(state.row, p ? p.from : 0, state.flows);
      valuesTable.refresh();
    }

    slider.addEventListener('input', () => {
      state.period = Number(slider.value);
      update();
    });
    let timer = null;
    const stop = () => {
      if (timer) timer.stop();
      timer = null;
      play.textContent = '▶ Play';
      play.setAttribute('aria-pressed', 'false');
    };
    play.addEventListener('click', () => {
      if (timer) return stop();
      if (state.period >= data.map.periods.length - 1) state.period = 0;
      play.textContent = '❚❚ Pause';
      play.setAttribute('aria-pressed', 'true');
      timer = d3.interval(() => {
        if (state.period >= data.map.periods.length - 1) return stop();
        state.period += 1;
        update();
      }, frameMs[step] || 300);
    });
    update();
    return { id, title: 'Map' };
  };
})();
