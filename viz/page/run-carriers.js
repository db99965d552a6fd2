'use strict';
// Who carried Belgium's change (summary.json's carriers, prepared as `carrierBar` in viz/runData.ts):
// per verdict row a stacked bar of Belgium's gain by who carried it or, where Belgium lost, of its
// loss and the part that moved to NL, with the actors' rule's threshold marked. Rows differ in size by
// orders of magnitude, so each bar spans its own total and the axis is a share of it; the kilograms
// are in the labels, the tooltips and the data table.
/* global d3, WB */
(function () {
  const run = (WB.run = WB.run || {});
  const W = 900;
  const ROW_H = 44;
  const M = { top: 30, right: 250, bottom: 6, left: 180 };

  const key = (r) => `${r.market}/${r.echelon}`;
  const kg = (x) => `${WB.num(x)} kg/month`;

  /** The share label, in two lines: the moved share, then what it is a share of. */
  const shareLines = (bar) => [`${bar.side === 'gain' ? 'moved from NL' : 'moved to NL'}: ${WB.pct(bar.share)}`, `of a ${bar.side} of ${kg(bar.total)}`];

  function drawRow(g, r, x01, y, partNames) {
    const bar = r.carrierBar;
    const top = y(key(r));
    const h = y.bandwidth();
    g.append('text').attr('class', 'carriers-label').attr('x', M.left - 8).attr('y', top + h / 2).attr('dy', '0.35em').attr('text-anchor', 'end').text(r.label);
    if (!bar) {
      g.append('text').attr('class', 'carriers-none').attr('x', M.left).attr('y', top + h / 2).attr('dy', '0.35em').text('Carriers not known: the verdict is by market volume.');
      return;
    }
    if (!(bar.total > 0)) {
      g.append('text').attr('class', 'carriers-none').attr('x', M.left).attr('y', top + h / 2).attr('dy', '0.35em').text(`No Belgian ${bar.side} among the carriers.`);
      return;
    }
    const x = d3.scaleLinear().domain([0, bar.total]).range(x01.range());
    const names = partNames[bar.side];
    g.selectAll('rect')
      .data(bar.parts)
      .join('rect')
      .attr('class', 'carrier-part')
      .attr('data-part', (p) => p.part)
      .attr('data-value', (p) => p.value)
      .attr('x', (p) => x(p.from))
      .attr('y', top)
      .attr('width', (p) => x(p.from + p.value) - x(p.from))
      .attr('height', h)
      .attr('fill', (p) => WB.colours.carriers[p.part])
      .append('title')
      .text((p) => `${r.label}, ${names[p.part].label}: ${kg(p.value)} (${WB.pct(p.value / bar.total)} of the ${bar.side})`);
    const t = x(bar.threshold * bar.total);
    // a white halo under the dashed mark keeps it visible over the darkest part
    g.append('line').attr('class', 'threshold-halo').attr('x1', t).attr('x2', t).attr('y1', top - 4).attr('y2', top + h + 4);
    g.append('line').attr('class', 'threshold').attr('x1', t).attr('x2', t).attr('y1', top - 4).attr('y2', top + h + 4);
    const label = g.append('text').attr('class', 'carriers-share').attr('y', top + h / 2);
    shareLines(bar).forEach((line, i) => label.append('tspan').attr('x', W - M.right + 10).attr('dy', i === 0 ? '-0.2em' : '1.15em').attr('font-weight', i === 0 ? 700 : null).text(line));
  }

  run.carriers = function (parent, data) {
    const v = data.verdicts;
    const fig = WB.el(parent, 'figure', { class: 'carriers-figure', id: 'carriers' });
    WB.el(fig, 'h3', { class: 'chart-title' }, 'Who carried Belgium’s change');
    WB.el(
      fig,
      'p',
      { class: 'note' },
      'Per row, Belgium’s gain between the windows by who carried it (kg per month, means over replicates); where Belgium lost (ΔBE < 0), its loss and the part that moved to the Netherlands. ' +
        `Each bar spans its own row’s total; the dashed mark is at ${WB.pct(v.rule.shiftRatio)} of it: the verdict is a shift (a shift out) when the moved part reaches the mark.`,
    );
    if (!v.rows.some((r) => r.carrierBar)) {
      WB.el(fig, 'p', { class: 'note', id: 'carriers-none' }, 'These results do not record who carried the change (summary.json has no carriers: it was written by an older waterbed, or from series without them).');
      return;
    }
    const sides = ['gain', 'loss'].filter((side) => v.rows.some((r) => r.carrierBar && r.carrierBar.side === side));
    const legend = WB.el(fig, 'div', { class: 'legend-row', id: 'carriers-legend', 'aria-label': 'Legend' });
    for (const side of sides) {
      for (const p of v.carrierParts[side]) WB.legendItem(legend, 'swatch', WB.colours.carriers[p.part], `${side === 'loss' ? 'loss ' : ''}${p.label}`).setAttribute('title', p.meaning);
    }
    WB.legendItem(legend, 'mark', null, `${WB.pct(v.rule.shiftRatio)} of the bar: the rule’s threshold`);

    const H = M.top + M.bottom + ROW_H * v.rows.length;
    const svg = WB.svg(fig, W, H, 'Who carried Belgium’s change: stacked bars per market and echelon; the values are in the data table below').attr('class', 'carriers');
    const y = d3.scaleBand().domain(v.rows.map(key)).range([M.top, H - M.bottom]).padding(0.3);
    const x01 = d3.scaleLinear().domain([0, 1]).range([M.left, W - M.right]);
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${M.top - 6})`).call(d3.axisTop(x01).tickValues([0, 0.25, 0.5, 0.75, 1]).tickFormat(d3.format('.0%')).tickSizeOuter(0));
    svg.append('text').attr('class', 'axis-label').attr('x', M.left - 18).attr('y', M.top - 10).attr('text-anchor', 'end').text('share of the row’s gain (loss)');
    const names = { gain: {}, loss: {} };
    for (const side of ['gain', 'loss']) for (const p of v.carrierParts[side]) names[side][p.part] = p;
    for (const r of v.rows) {
      const g = svg.append('g').attr('class', r.carrierBar ? 'carrier-row' : 'carrier-row-none').attr('data-row', key(r));
      if (r.carrierBar) g.attr('data-side', r.carrierBar.side).attr('data-total', r.carrierBar.total);
      drawRow(g, r, x01, y, names);
    }
    WB.sourceLine(fig, data.meta.source, 'File: summary.json (carriers).');
    WB.dataTable(fig, 'Data table: who carried the change, kg per month', () => {
      const cell = (r, f) => (r.carriers ? f(r.carriers) : '–');
      const gain = v.carrierParts.gain;
      return {
        columns: ['Market and echelon', 'Verdict rule', ...gain.map((p) => `Gain: ${p.label}`), 'Gain moved from NL, share', 'Dutch fall of the movers', 'Loss', 'Loss moved to NL', 'Loss moved to NL, share'],
        rows: v.rows.map((r) => [
          r.label,
          r.verdictRule === 'actors' ? 'who carried the change' : 'market volume (carriers not known)',
          ...gain.map((p) => cell(r, (c) => WB.num(c.gain[p.part]))),
          cell(r, (c) => WB.pct(c.movedShare)),
          cell(r, (c) => WB.num(c.movedDutchFall)),
          cell(r, (c) => WB.num(c.loss)),
          cell(r, (c) => WB.num(c.movedOut)),
          cell(r, (c) => WB.pct(c.movedOutShare)),
        ]),
        numeric: [false, false, ...gain.map(() => true), true, true, true, true, true],
      };
    });
  };
})();
