'use strict';
// Helpers shared by the report's sections: element building (text always via textContent, never
// innerHTML, so names from a scenario file cannot become markup), number formats, palettes, the
// source line and the collapsed data table under every chart.
/* global d3 */
(function () {
  const WB = (window.WB = window.WB || {});
  WB.renderers = {};

  /** An element with attributes and text; `parent` gets it appended when given. */
  WB.el = function (parent, tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  };

  /** Okabe–Ito colours: distinguishable with every common colour-vision deficiency. */
  WB.colours = {
    BE: '#D55E00', // vermillion
    NL: '#0072B2', // blue
    verdict: { shift: '#0072B2', expansion: '#D55E00', 'shift-out': '#56B4E9', contraction: '#CC79A7', none: '#6b6b6b' },
    // Who carried Belgium's change: moved activity in the shift's blue (it came from NL), growth that
    // did not move in bluish green (Dutch carriers) and vermillion and orange (Belgian); a loss moved
    // to NL in the shift-out's sky blue, the rest in the contraction's purple.
    carriers: { moved: '#0072B2', extended: '#009E73', newBelgian: '#D55E00', other: '#E69F00', movedOut: '#56B4E9', notMoved: '#CC79A7' },
  };
  WB.countryNames = { BE: 'Belgium', NL: 'Netherlands' };
  WB.verdictNames = { shift: 'shift', expansion: 'expansion', 'shift-out': 'shift out of BE', contraction: 'contraction', none: 'no verdict' };

  /** A verdict as a word in a box: the word carries the meaning, the colour only helps (dark text for contrast). */
  WB.verdictBadge = function (parent, verdict) {
    const b = WB.el(parent, 'span', { class: 'verdict' }, WB.verdictNames[verdict] || verdict);
    const colour = WB.colours.verdict[verdict] || '#6b6b6b';
    b.style.borderColor = colour;
    b.style.background = d3.color(colour).copy({ opacity: 0.14 }).formatRgb();
    return b;
  };

  const grouped = d3.format(',');
  /** A number for tables and labels: 3 significant digits, thousands separated, millions spelled out. */
  WB.num = function (x) {
    if (x === null || x === undefined || Number.isNaN(x)) return '–';
    if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
    const a = Math.abs(x);
    let s;
    if (a >= 1e9) s = d3.format('.3~r')(x / 1e9) + ' bn';
    else if (a >= 1e6) s = d3.format('.3~r')(x / 1e6) + ' M';
    else if (a >= 1000) s = grouped(Number(x.toPrecision(3)));
    else if (a === 0) s = '0';
    else s = d3.format(a >= 1 ? '.3~r' : '.2~r')(x);
    return s.replace('-', '−');
  };
  /** Compact axis ticks: 20k, 1.5M, 2bn. */
  WB.axisNum = function (x) {
    return d3.format('~s')(x).replace('G', 'bn').replace('-', '−');
  };
  WB.pct = (x) => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);

  /** A <section> with an id and heading; returns its body. */
  WB.section = function (root, id, title, intro) {
    const s = WB.el(root, 'section', { id, 'aria-labelledby': `${id}-title` });
    WB.el(s, 'h2', { id: `${id}-title` }, title);
    if (intro) WB.el(s, 'p', { class: 'intro' }, intro);
    return s;
  };

  WB.sourceLine = function (parent, text, extra) {
    const p = WB.el(parent, 'p', { class: 'source' }, text);
    if (extra) p.appendChild(document.createTextNode(' ' + extra));
    return p;
  };

  /**
   * A collapsed data table under a chart. `build()` returns { columns, rows } and is called when
   * the reader opens it (and again by `refresh` while open), so a big run costs nothing until asked.
   */
  WB.dataTable = function (parent, summary, build) {
    const details = WB.el(parent, 'details', { class: 'data-table' });
    WB.el(details, 'summary', {}, summary);
    const holder = WB.el(details, 'div', { class: 'table-scroll' });
    const fill = function () {
      holder.textContent = '';
      const { columns, rows, numeric, rowClasses } = build();
      const table = WB.el(holder, 'table');
      const head = WB.el(WB.el(table, 'thead'), 'tr');
      columns.forEach((c) => WB.el(head, 'th', { scope: 'col' }, c));
      const body = WB.el(table, 'tbody');
      rows.forEach((r, k) => {
        const tr = WB.el(body, 'tr', { class: rowClasses ? rowClasses[k] : null });
        r.forEach((cell, i) => WB.el(tr, i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : { class: numeric && numeric[i] ? 'num' : null }, cell));
      });
    };
    details.addEventListener('toggle', () => {
      if (details.open) fill();
    });
    return { refresh: () => details.open && fill(), details };
  };

  /** A <select> with a visible label. */
  WB.select = function (parent, id, label, options, value, onChange) {
    const wrap = WB.el(parent, 'label', { class: 'control', for: id });
    WB.el(wrap, 'span', {}, label);
    const sel = WB.el(wrap, 'select', { id });
    options.forEach((o) => WB.el(sel, 'option', { value: o.value, selected: o.value === value }, o.label));
    sel.addEventListener('change', () => onChange(sel.value));
    return sel;
  };

  /**
   * A legend entry: a small sample of a mark and its text. `kind`: line, band, swatch (a filled box),
   * event (a policy's dashed line), mark (a dashed threshold) or window (a verdict window).
   */
  WB.legendItem = function (parent, kind, colour, text) {
    const item = WB.el(parent, 'span', { class: 'legend-item' });
    const svg = WB.svg(item, 28, 12, '').attr('aria-hidden', 'true');
    if (kind === 'line') svg.append('line').attr('x1', 2).attr('x2', 26).attr('y1', 6).attr('y2', 6).attr('stroke', colour).attr('stroke-width', 2.5);
    if (kind === 'band') svg.append('rect').attr('x', 2).attr('y', 1).attr('width', 24).attr('height', 10).attr('fill', colour).attr('opacity', 0.25);
    if (kind === 'swatch') svg.append('rect').attr('x', 2).attr('y', 1).attr('width', 24).attr('height', 10).attr('fill', colour);
    if (kind === 'event') svg.append('line').attr('class', 'event-line').attr('x1', 14).attr('x2', 14).attr('y1', 0).attr('y2', 12);
    if (kind === 'mark') svg.append('line').attr('class', 'threshold').attr('x1', 14).attr('x2', 14).attr('y1', 0).attr('y2', 12);
    if (kind === 'window') svg.append('rect').attr('x', 2).attr('y', 1).attr('width', 24).attr('height', 10).attr('class', 'window');
    WB.el(item, 'span', {}, text);
    return item;
  };

  /** An SVG element through d3, so charts can use d3's axes and shapes. */
  WB.svg = function (parent, width, height, label) {
    return d3
      .select(parent)
      .append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('role', 'img')
      .attr('aria-label', label);
  };

  /** The district shapes of a map (one path per district, with its id, country and a tooltip). */
  WB.districtShapes = function (svg, geojson, projection) {
    const shapes = svg
      .append('g')
      .attr('class', 'districts')
      .selectAll('path')
      .data(geojson.features)
      .join('path')
      .attr('d', d3.geoPath(projection))
      .attr('data-district', (f) => f.properties.id)
      .attr('data-country', (f) => f.properties.country);
    shapes.append('title');
    return shapes;
  };

  /** "2010-03" → a Date on the first of the month (UTC, so no time zone shifts a month). */
  WB.monthDate = (m) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1));
  /** The first day of the month after `m`: where month `m` ends on a time axis. */
  WB.monthEnd = (m) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1));
})();
