'use strict';
// Relocation arrows on the true map: actors that moved from one district to another in the
// calendar year of the month shown (flows.csv), or, for a results folder without flows.csv, net
// flows estimated from each district's moves in and out; the page says which. Also the note under
// the map and the arrows' data table.
/* global WB */
(function () {
  const run = (WB.run = WB.run || {});
  const MAX_PX = 5;
  /** arrows stop short of the seats, so heads and the starts of other arrows do not pile up on one point */
  const GAP = 4;
  const ARROW_ID = 'map-arrowhead';

  function caveatText(flows) {
    const pct = `${Math.round(flows.minShare * 100)}%`;
    if (flows.source === 'estimate')
      return (
        'About the arrows: this results folder has no flows.csv (it was written by an older waterbed), so the arrows are an estimate. ' +
        'The series hold how many actors moved into and out of each district, not where each one came from: ' +
        'districts that lost actors on balance in the year send them to districts that gained, in proportion to each one’s share of the losses and gains ' +
        `(net moves only; arrows under ${pct} of the year’s net moves are left out, at most ${flows.maxArrows} drawn). ` +
        'Width is proportional to the number of actors. Run the scenario again for the true flows.'
      );
    return (
      'About the arrows: each arrow joins two districts between which actors of the chosen market and echelon relocated ' +
      'in the calendar year of the month shown, from origin to destination (flows.csv: the moves the model recorded, mean over the replicates). ' +
      'Width is proportional to the number of actors moved, on one scale for the whole run. Moves are spread over many pairs of districts, ' +
      `so only the largest are drawn: at most ${flows.maxArrows} a year (equal flows at the cut are left out together) and none under ${pct} of the run’s widest arrow. ` +
      'The data table lists them with their 95% intervals.'
    );
  }

  /** A gentle curve from seat a to seat b, bulging to one side of the direction of travel (so A → B and B → A do not overlap), ends pulled in by GAP. */
  function curve([x1, y1], [x2, y2]) {
    const mx = (x1 + x2) / 2 - (y2 - y1) * 0.2;
    const my = (y1 + y2) / 2 + (x2 - x1) * 0.2;
    const pull = (x, y, tx, ty) => {
      const len = Math.hypot(tx - x, ty - y) || 1;
      const t = Math.min(GAP, len / 3) / len;
      return [x + (tx - x) * t, y + (ty - y) * t];
    };
    const [sx, sy] = pull(x1, y1, mx, my);
    const [ex, ey] = pull(x2, y2, mx, my);
    const r = (v) => Math.round(v * 10) / 10;
    return `M${r(sx)},${r(sy)}Q${r(mx)},${r(my)} ${r(ex)},${r(ey)}`;
  }

  /**
   * The arrow layer of `svg` (a map drawn by run-map.js, with a g.flows layer) and its notes in
   * `notes`. Returns update(row, monthIndex, shown) and table(parent) for the data table.
   */
  run.mapFlows = function (data, svg, seats, notes) {
    const flows = data.flows;
    const estimate = flows.source === 'estimate';
    svg
      .append('defs')
      .append('marker')
      .attr('id', ARROW_ID)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 7)
      .attr('refY', 5)
      // One head size in map units for every width: a head scaled with the line would swamp the map.
      .attr('markerUnits', 'userSpaceOnUse')
      .attr('markerWidth', 9)
      .attr('markerHeight', 9)
      .attr('orient', 'auto')
      .append('path')
      .attr('d', 'M0,0L10,5L0,10z')
      .attr('fill', '#222');
    const legend = WB.svg(notes, 420, 22, 'arrow width legend').attr('id', 'map-flow-legend').attr('class', 'flow-legend');
    const note = WB.el(notes, 'p', { id: 'map-flow-note', class: 'note' });
    WB.el(notes, 'p', { id: 'map-flow-source', class: 'note caveat', 'data-source': flows.source }, caveatText(flows));
    // Both countries have a Limburg: a name shared across countries gets its country.
    const name = (i) => {
      const d = data.districts[i];
      return data.districts.some((o) => o !== d && o.name === d.name) ? `${d.name} (${d.country})` : d.name;
    };
    let current = null;
    let table = null;

    /** The flows of `row` in the year of month `month`: { year, top, moved, pairs, …, arrows }, or null. */
    function flowsFor(row, month) {
      const fv = flows.values[row];
      const m = data.months[month];
      const yi = m ? flows.periods.findIndex((p) => p.label === m.slice(0, 4)) : -1;
      return fv && yi >= 0 ? Object.assign({ year: flows.periods[yi].label, top: fv.top }, fv.byPeriod[yi]) : null;
    }

    function describe(row, f) {
      if (!flows.values[row]) return 'No relocations between districts recorded for this market and echelon.';
      if (!f || f.moved === 0) return `No relocations between districts in ${f ? f.year : 'this year'}.`;
      if (estimate) {
        if (f.net === 0) return `No net relocations between districts in ${f.year}.`;
        return `Arrows (left map): estimated net relocations in ${f.year}: ${WB.num(f.net)} actors moved on balance, out of ${WB.num(f.moved)} moves in all; the widest arrow of the run is ${WB.num(f.top)} actors.`;
      }
      const shown = f.arrows.reduce((s, a) => s + a[2], 0);
      const border = `Belgium → Netherlands ${WB.num(f.beToNl)}, Netherlands → Belgium ${WB.num(f.nlToBe)}`;
      const head = `Arrows (left map), ${f.year}: ${WB.num(f.moved)} actors moved between districts, over ${f.pairs} pair${f.pairs === 1 ? '' : 's'} of districts (across the border: ${border}).`;
      if (f.arrows.length === 0) return `${head} No pair stands out enough to draw an arrow (see below).`;
      return `${head} The ${f.arrows.length} arrow${f.arrows.length === 1 ? '' : 's'} drawn carry ${WB.pct(shown / f.moved)} of the moves; the widest arrow of the run is ${WB.num(f.top)} actors.`;
    }

    /** Arrow widths for the row: the thinnest drawn (or 1 actor for the estimate) and the widest of the run. */
    function drawLegend(row, shown) {
      legend.selectAll('*').remove();
      const fv = flows.values[row];
      legend.style('display', shown && fv && fv.top > 0 ? null : 'none');
      if (!shown || !fv || !(fv.top > 0)) return;
      const low = estimate ? Math.min(fv.top, 1) : fv.top * flows.minShare;
      legend.append('text').attr('x', 0).attr('y', 15).attr('class', 'legend-unit').text('Arrow width:');
      let x = 78;
      for (const v of [low, fv.top]) {
        legend
          .append('line')
          .attr('class', 'flow-sample')
          .attr('x1', x)
          .attr('x2', x + 34)
          .attr('y1', 11)
          .attr('y2', 11)
          .attr('stroke-width', 1 + (MAX_PX - 1) * (v / fv.top));
        legend.append('text').attr('x', x + 40).attr('y', 15).text(`${WB.num(v)} actor${v === 1 ? '' : 's'}${estimate ? ' (net)' : ''} a year`);
        x += 170;
      }
    }

    function update(row, month, shown) {
      current = flowsFor(row, month);
      drawLegend(row, shown);
      const list = shown && current && current.top > 0 ? current.arrows : [];
      const top = current ? current.top : 1;
      svg
        .select('g.flows')
        .selectAll('path')
        .data(list, (d) => `${d[0]}-${d[1]}`)
        .join('path')
        .attr('class', 'flow')
        .attr('data-from', (d) => data.districts[d[0]].id)
        .attr('data-to', (d) => data.districts[d[1]].id)
        .attr('d', (d) => curve(seats[d[0]], seats[d[1]]))
        .attr('stroke-width', (d) => 1 + (MAX_PX - 1) * (d[2] / top))
        .attr('marker-end', `url(#${ARROW_ID})`)
        .selectAll('title')
        .data((d) => [d])
        .join('title')
        .text((d) =>
          estimate
            ? `${name(d[0])} → ${name(d[1])}: about ${WB.num(d[2])} actors (net, estimated) in ${current.year}`
            : `${name(d[0])} → ${name(d[1])}: ${WB.num(d[2])} actors moved in ${current.year} (95% interval ${WB.num(d[3])}–${WB.num(d[4])})`,
        );
      note.textContent = shown ? describe(row, current) : 'Relocation arrows are switched off.';
      if (table) table.refresh();
    }

    function addTable(parent) {
      const title = estimate ? 'Data table: estimated net relocations in the year shown (the arrows)' : 'Data table: relocations between districts in the year shown (the arrows)';
      table = WB.dataTable(parent, title, () => {
        const arrows = current ? current.arrows : [];
        if (estimate)
          return { columns: ['From', 'To', 'Actors (net, estimated)'], rows: arrows.map((a) => [name(a[0]), name(a[1]), WB.num(a[2])]), numeric: [false, false, true] };
        return {
          columns: ['From', 'To', 'Actors moved (mean over replicates)', '95% interval'],
          rows: arrows.map((a) => [name(a[0]), name(a[1]), WB.num(a[2]), `${WB.num(a[3])} – ${WB.num(a[4])}`]),
          numeric: [false, false, true, true],
        };
      });
      table.details.setAttribute('id', 'map-flow-table');
      return table;
    }

    return { update, table: addTable, source: flows.source };
  };
})();
