'use strict';
// A sweep's scenario discovery (discovery.json, written by `waterbed discover`): PRIM's peeling
// trajectory as the trade-off between coverage and density, the chosen box's limits on each
// factor's range with their quasi-p-values, and the CART tree that cross-checks it.
/* global d3, WB */
(function () {
  const W = 640;
  const share = (x) => (x === null || x === undefined ? '–' : x.toFixed(2));
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const qpText = (p) => (p === null ? '' : p < 0.001 ? p.toExponential(1) : String(Number(p.toPrecision(2))));

  function tradeoff(parent, data, d) {
    WB.el(parent, 'h3', {}, 'The coverage–density trade-off');
    WB.el(
      parent,
      'p',
      { class: 'note' },
      `Each point is a box of PRIM’s peeling trajectory, from the box of every run (coverage 1, density ${share(d.baseRate)}) to the smallest box (mass ${d.options.massMin} of the runs). Coverage: the share of all cases inside the box; density: the share of the box’s runs that are cases. Peeling trades coverage for density; the colour counts the factors the box restricts. Ringed: the box chosen; the diamond: that box after pasting. The dashed line: the density threshold (${d.options.threshold}).`,
    );
    const fig = WB.el(parent, 'figure', { class: 'tradeoff-figure' });
    const M = { top: 12, right: 20, bottom: 44, left: 56 };
    const H = 420;
    const svg = WB.svg(fig, W, H, 'coverage against density of the boxes of the peeling trajectory').attr('id', 'discovery-tradeoff').attr('class', 'tradeoff');
    const x = d3.scaleLinear().domain([0, 1]).range([M.left, W - M.right]);
    const y = d3.scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).ticks(5));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(5));
    svg.append('text').attr('class', 'axis-title').attr('x', (M.left + W - M.right) / 2).attr('y', H - 8).attr('text-anchor', 'middle').text('coverage (share of all cases in the box)');
    svg.append('text').attr('class', 'axis-title').attr('transform', `translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text('density (share of the box’s runs that are cases)');
    svg.append('line').attr('class', 'threshold').attr('x1', x(0)).attr('x2', x(1)).attr('y1', y(d.options.threshold)).attr('y2', y(d.options.threshold));
    const maxRes = d3.max(d.trajectory, (b) => b.limits.length) || 1;
    const colour = d3.scaleSequential(d3.interpolateViridis).domain([0, maxRes]);
    svg.append('path').attr('class', 'trajectory-line').attr('d', d3.line().x((b) => x(b.coverage)).y((b) => y(b.density))(d.trajectory));
    const limitsText = (b) => (b.limits.length ? b.limits.map((l) => `${l.factor}${l.lower !== null ? ` ≥ ${WB.num(l.lower)}` : ''}${l.upper !== null ? ` ≤ ${WB.num(l.upper)}` : ''}`).join('; ') : 'no factor restricted');
    const pts = svg
      .append('g')
      .selectAll('circle')
      .data(d.trajectory)
      .join('circle')
      .attr('class', (b) => (b.box === d.chosen.box ? 'trajectory-point chosen' : 'trajectory-point'))
      .attr('data-box', (b) => b.box)
      .attr('cx', (b) => x(b.coverage))
      .attr('cy', (b) => y(b.density))
      .attr('r', (b) => (b.box === d.chosen.box ? 7 : 4.5))
      .attr('fill', (b) => colour(b.limits.length));
    pts.append('title').text((b) => `Box ${b.box}: coverage ${share(b.coverage)}, density ${share(b.density)}, mass ${share(b.mass)} (${b.runs} runs, ${b.cases} cases); ${limitsText(b)}`);
    if (d.chosen.pastes.length) {
      const p = d.chosen.pastes[d.chosen.pastes.length - 1];
      const c = d.trajectory[d.chosen.box];
      svg.append('line').attr('class', 'paste-line').attr('x1', x(c.coverage)).attr('y1', y(c.density)).attr('x2', x(p.coverage)).attr('y2', y(p.density));
      svg
        .append('path')
        .attr('class', 'pasted-point')
        .attr('d', d3.symbol(d3.symbolDiamond, 90))
        .attr('transform', `translate(${x(p.coverage)},${y(p.density)})`)
        .append('title')
        .text(`Box ${d.chosen.box} after pasting: coverage ${share(p.coverage)}, density ${share(p.density)}; ${limitsText(p)}`);
    }
    const legend = WB.el(fig, 'div', { class: 'legend-row' });
    for (let k = 0; k <= maxRes; k++) WB.legendItem(legend, 'swatch', colour(k), `${k} factor${k === 1 ? '' : 's'} restricted`);
    WB.sourceLine(fig, data.meta.source, `File: discovery.json (${d.output} ${d.where}, scenario “${d.scenario}”).`);
    WB.dataTable(fig, 'Data table: the boxes of the trajectory', () => ({
      columns: ['Box', 'Coverage', 'Density', 'Mass', 'Runs', 'Cases', 'Peeled', 'Limits'],
      rows: d.trajectory.map((b) => [
        `${b.box}${b.box === d.chosen.box ? ' (chosen)' : ''}`,
        share(b.coverage),
        share(b.density),
        share(b.mass),
        String(b.runs),
        String(b.cases),
        b.move ? `${b.move.factor} (${b.move.side === 'lower' ? 'low' : 'high'} end)` : '',
        limitsText(b),
      ]),
      numeric: [false, true, true, true, true, true, false, false],
    }));
  }

  function boxChart(parent, data, d) {
    const b = d.box;
    WB.el(parent, 'h3', {}, 'The box');
    const how =
      d.chosen.by === 'box'
        ? `Box ${d.chosen.box}, chosen by the user (--box)`
        : d.chosen.meetsThreshold
          ? `Box ${d.chosen.box}: of the boxes with density at least ${d.options.threshold}, the one with the best balance of coverage and density (their harmonic mean)`
          : `Box ${d.chosen.box}: no box reaches density ${d.options.threshold}; the one with the best balance of coverage and density (their harmonic mean)`;
    const pasted = d.chosen.pastes.length ? `, widened by ${d.chosen.pastes.length} paste${d.chosen.pastes.length === 1 ? '' : 's'}` : '';
    WB.el(parent, 'p', { class: 'note', id: 'discovery-box-how' }, `${how}${pasted}: coverage ${share(b.coverage)}, density ${share(b.density)}, mass ${share(b.mass)} (${b.runs} runs, ${b.cases} cases).`);
    const fig = WB.el(parent, 'figure', { class: 'box-figure' });
    WB.el(fig, 'p', { class: 'chart-subtitle' }, 'Each factor’s range (grey) and the box’s limits on it (blue); quasi-p-values beside the restricted factors');
    // restricted factors first, most significant limit first; then the others
    const qpMin = (l) => Math.min(l.qpLower === null ? 2 : l.qpLower, l.qpUpper === null ? 2 : l.qpUpper);
    const rows = [...b.limits].sort((p, q) => qpMin(p) - qpMin(q));
    const rowH = 30;
    // room for the longest factor name (about 7 px a character at 12 px), within reason
    const BW = 760;
    const M = { top: 6, right: 230, bottom: 10, left: Math.max(120, Math.min(320, 12 + 7 * d3.max(rows, (l) => l.factor.length))) };
    const H = M.top + M.bottom + rowH * rows.length;
    const svg = WB.svg(fig, BW, H, 'the box’s limits on each factor’s range').attr('id', 'discovery-box').attr('class', 'box-chart');
    const x = d3.scaleLinear().domain([0, 1]).range([M.left, BW - M.right]);
    const norm = (l, v) => (l.max > l.min ? (v - l.min) / (l.max - l.min) : 0.5);
    const g = svg
      .selectAll('g')
      .data(rows)
      .join('g')
      .attr('class', (l) => (l.lower !== null || l.upper !== null ? 'box-row restricted' : 'box-row'))
      .attr('data-factor', (l) => l.factor)
      .attr('transform', (_, i) => `translate(0,${M.top + i * rowH})`);
    g.append('text').attr('class', 'box-factor').attr('x', M.left - 8).attr('y', rowH / 2).attr('dy', '0.35em').attr('text-anchor', 'end').text((l) => l.factor);
    g.append('rect').attr('class', 'factor-range').attr('x', x(0)).attr('width', x(1) - x(0)).attr('y', rowH * 0.3).attr('height', rowH * 0.4);
    g.append('rect')
      .attr('class', 'box-range')
      .attr('x', (l) => x(l.lower === null ? 0 : norm(l, l.lower)))
      .attr('width', (l) => x(l.upper === null ? 1 : norm(l, l.upper)) - x(l.lower === null ? 0 : norm(l, l.lower)))
      .attr('y', rowH * 0.22)
      .attr('height', rowH * 0.56)
      .attr('opacity', (l) => (l.lower !== null || l.upper !== null ? 1 : 0.25));
    g.append('text')
      .attr('class', 'box-values')
      .attr('x', BW - M.right + 8)
      .attr('y', rowH / 2)
      .attr('dy', '0.35em')
      .text((l) => {
        if (l.lower === null && l.upper === null) return `${WB.num(l.min)} to ${WB.num(l.max)}, unrestricted`;
        const lo = l.lower === null ? WB.num(l.min) : WB.num(l.lower);
        const hi = l.upper === null ? WB.num(l.max) : WB.num(l.upper);
        const qp = [l.qpLower, l.qpUpper].filter((p) => p !== null).map(qpText).join(' / ');
        return `${lo} to ${hi}; quasi-p ${qp}`;
      });
    g.append('title').text((l) =>
      l.lower === null && l.upper === null
        ? `${l.factor}: not restricted (${WB.num(l.min)} to ${WB.num(l.max)})`
        : `${l.factor}: ${l.lower !== null ? `≥ ${WB.num(l.lower)} (quasi-p ${qpText(l.qpLower)})` : ''}${l.lower !== null && l.upper !== null ? ', ' : ''}${l.upper !== null ? `≤ ${WB.num(l.upper)} (quasi-p ${qpText(l.qpUpper)})` : ''}; range ${WB.num(l.min)} to ${WB.num(l.max)}`,
    );
    WB.el(fig, 'p', { class: 'note' }, 'Quasi-p-value of a limit: the chance of the box holding as many cases as it does if that one limit were dropped (one-sided binomial test; Bryant & Lempert 2010). Small: the limit matters; near 1: it adds nothing beyond chance.');
    WB.dataTable(fig, 'Data table: the box’s limits', () => ({
      columns: ['Factor', 'Lower limit', 'Upper limit', 'Range', 'Quasi-p (lower)', 'Quasi-p (upper)'],
      rows: rows.map((l) => [l.factor, l.lower === null ? '–' : WB.num(l.lower), l.upper === null ? '–' : WB.num(l.upper), `${WB.num(l.min)} to ${WB.num(l.max)}`, qpText(l.qpLower) || '–', qpText(l.qpUpper) || '–']),
      numeric: [false, true, true, false, true, true],
    }));
  }

  function cart(parent, d) {
    WB.el(parent, 'h3', {}, 'Cross-check: a classification tree');
    WB.el(
      parent,
      'p',
      { class: 'note' },
      `A CART tree (Gini impurity, depth at most ${d.cart.maxDepth}, leaves of at least ${Math.round(d.cart.minLeafMass * 100)}% of the runs) of the same runs. Where its dense leaves and the box name the same factors and similar limits, the box is not an artefact of peeling. Leaves of density at least ${d.options.threshold} are marked.`,
    );
    const list = WB.el(parent, 'ul', { class: 'cart-tree', id: 'discovery-cart' });
    const item = (ul, node, label) => {
      const li = WB.el(ul, 'li', { class: node.split ? 'cart-node' : node.density >= d.options.threshold ? 'cart-leaf dense' : 'cart-leaf' });
      WB.el(li, 'span', { class: 'cart-label' }, label);
      WB.el(li, 'span', { class: 'cart-counts' }, `: ${plural(node.runs, 'run')}, ${plural(node.cases, 'case')} (density ${share(node.density)})${!node.split && node.density >= d.options.threshold ? ' ◀' : ''}`);
      if (node.split && node.below && node.above) {
        const sub = WB.el(li, 'ul');
        item(sub, node.below, `${node.split.factor} < ${WB.num(node.split.value)}`);
        item(sub, node.above, `${node.split.factor} ≥ ${WB.num(node.split.value)}`);
      }
    };
    item(list, d.cart.tree, 'all runs');
  }

  /** The discovery part of the sweep report; a note saying how to make one when the folder has none. */
  WB.sweepDiscovery = function (parent, data) {
    const d = data.discovery;
    if (!d) {
      WB.el(parent, 'p', { class: 'note caveat', id: 'discovery-none' }, 'This sweep has no scenario discovery yet. Run `waterbed discover DIR --output COLUMN --where CONDITION` on this folder (e.g. --output verdict_cannabis_retail --where expansion), then `waterbed report DIR`, to add PRIM’s box and its trade-off here.');
      return;
    }
    const left = d.runs.failed + d.runs.missing;
    WB.el(
      parent,
      'p',
      { class: 'intro', id: 'discovery-intro' },
      `Where does ${d.condition} hold? In ${d.cases} of ${d.runs.used} runs (${WB.pct(d.baseRate)}) of scenario “${d.scenario}”${left ? ` (${d.runs.failed} failed and ${d.runs.missing} without a value left out)` : ''}. PRIM (Friedman & Fisher 1999; peeling α ${d.options.peelAlpha}, minimum mass ${d.options.massMin}, pasting α ${d.options.pasteAlpha}) looks for a box of factor limits that holds most of those runs and few others.`,
    );
    tradeoff(parent, data, d);
    boxChart(parent, data, d);
    cart(parent, d);
  };
})();
