'use strict';
// The verdict table (summary.json): shift or expansion per market × echelon by who carried the
// change, how often replicates agree, the market-volume rule's verdict beside it and the numbers
// behind them; the study's verdict beside the model's when the scenario names a reference table.
// The bars of who carried the change follow the table (run-carriers.js).
/* global WB */
(function () {
  const run = (WB.run = WB.run || {});

  function verdictCell(tr, verdict, field) {
    const td = WB.el(tr, 'td', { 'data-field': field, 'data-verdict': verdict });
    if (verdict === null) {
      td.textContent = '–';
      return td;
    }
    WB.verdictBadge(td, verdict);
    return td;
  }

  const sameWindows = (rows) => rows.every((r) => String(r.before) === String(rows[0].before) && String(r.after) === String(rows[0].after));
  const minus = (s) => s.replace('-', '−');

  const RULE_NAMES = { actors: 'by who carried the change', 'market-volume': 'by market volume' };

  const interval = (x, ci) => `${WB.num(x)} (${WB.num(ci[0])} to ${WB.num(ci[1])})`;

  run.verdicts = function (root, data) {
    const v = data.verdicts;
    const id = 'verdicts';
    const title = 'Shift or expansion? The verdict per market and echelon';
    const s = WB.section(
      root,
      id,
      title,
      `From a Belgian perspective: did Belgian activity (${v.rule.metric === 'volume_kg' ? 'kilograms produced, traded or sold' : v.rule.metric}) change between the “before” and “after” windows, and who carried the change? ` +
        `A shift means most of Belgium’s gain is activity its carriers moved out of the Netherlands; an expansion means it was carried by actors that kept their Dutch activity, or by new or Belgian ones.`,
    );
    const fig = WB.el(s, 'figure', { class: 'table-figure' });
    const table = WB.el(fig, 'table', { id: 'verdict-table', class: 'verdict-table' });
    const shared = v.rows.length > 0 && sameWindows(v.rows);
    const windowText = (r) => `before ${r.before[0]} to ${r.before[1]}, after ${r.after[0]} to ${r.after[1]}`;
    WB.el(
      table,
      'caption',
      {},
      `Verdicts over ${data.meta.reps} replicate${data.meta.reps === 1 ? '' : 's'}; changes are mean monthly kilograms, after minus before, with 95% intervals` +
        (shared ? `; windows: ${windowText(v.rows[0])}.` : '.'),
    );
    const head = WB.el(WB.el(table, 'thead'), 'tr');
    const columns = ['Market and echelon', ...(v.reference ? ['Study (' + v.reference.id + ')'] : []), 'Model verdict (rule)', 'Replicates agreeing', 'Market-volume verdict (D), replicates agreeing', 'Displacement D = −ΔNL/ΔBE', 'ΔBE, kg/month (95% CI)', 'ΔNL, kg/month (95% CI)', 'BE before, kg/month', 'BE sites with a Dutch link, before → after', ...(shared ? [] : ['Windows'])];
    columns.forEach((c) => WB.el(head, 'th', { scope: 'col' }, c));
    const body = WB.el(table, 'tbody');
    for (const r of v.rows) {
      const tr = WB.el(body, 'tr', { 'data-row': `${r.market}/${r.echelon}` });
      WB.el(tr, 'th', { scope: 'row' }, r.label);
      if (v.reference) {
        const td = verdictCell(tr, r.study, 'study');
        if (r.studyInShort) td.setAttribute('title', r.studyInShort);
      }
      const model = verdictCell(tr, r.verdict, 'verdict');
      if (v.reference && r.study !== null) {
        WB.el(model, 'span', { class: r.study === r.verdict ? 'match' : 'mismatch' }, r.study === r.verdict ? ' ✓ as the study' : ' ≠ study');
      }
      WB.el(model, 'span', { class: 'rule-name', 'data-field': 'verdictRule', 'data-rule': r.verdictRule }, RULE_NAMES[r.verdictRule] || r.verdictRule);
      WB.el(tr, 'td', { class: 'num', 'data-field': 'agreement', 'data-value': r.agreement }, WB.pct(r.agreement));
      const volume = verdictCell(tr, r.marketVolume.verdict, 'marketVolume');
      WB.el(volume, 'span', { class: 'agreeing', 'data-field': 'marketVolumeAgreement', 'data-value': r.marketVolume.agreement }, ` ${WB.pct(r.marketVolume.agreement)}`);
      WB.el(tr, 'td', { class: 'num', 'data-field': 'displacementRatio', 'data-value': r.displacementRatio === null ? '' : r.displacementRatio }, r.displacementRatio === null ? '–' : minus(r.displacementRatio.toFixed(2)));
      WB.el(tr, 'td', { class: 'num', 'data-field': 'deltaBE', 'data-value': r.deltaBE }, interval(r.deltaBE, r.deltaBE_ci));
      WB.el(tr, 'td', { class: 'num', 'data-field': 'deltaNL', 'data-value': r.deltaNL }, interval(r.deltaNL, r.deltaNL_ci));
      WB.el(tr, 'td', { class: 'num', 'data-field': 'beBefore' }, WB.num(r.beBefore));
      WB.el(tr, 'td', { class: 'num', 'data-field': 'dutchLinkBE' }, r.dutchLinkBE ? `${WB.pct(r.dutchLinkBE[0])} → ${WB.pct(r.dutchLinkBE[1])}` : '–');
      if (!shared) WB.el(tr, 'td', { class: 'dates' }, windowText(r));
    }
    const actors = v.rows.some((r) => r.verdictRule === 'actors');
    const legend = WB.el(fig, 'dl', { class: 'verdict-legend' });
    for (const [cls, meaning] of Object.entries(v.classes)) {
      WB.verdictBadge(WB.el(legend, 'dt'), cls);
      WB.el(legend, 'dd', {}, meaning);
    }
    WB.el(
      fig,
      'p',
      { class: 'note' },
      `Rule: a change counts when |ΔBE| is at least ${Math.round(v.rule.minEffect * 100)}% of Belgian activity before` +
        ` and its ${Math.round(v.rule.confidence * 100)}% interval over replicates excludes 0. ` +
        (actors
          ? `The model’s verdict is by who carried the change (the bars below): a shift when at least ${WB.pct(v.rule.shiftRatio)} of Belgium’s gain was moved out of the Netherlands by its carriers, a shift out when at least ${WB.pct(v.rule.shiftRatio)} of its loss moved to the Netherlands. ` +
            `The market-volume verdict beside it reads the national totals alone: a shift (a shift out) when D ≥ ${v.rule.shiftRatio}, which is what the class meanings above describe; rows whose carriers are not known get that verdict as the model’s. `
          : `These results do not record who carried the change: the verdict is by market volume, a shift (a shift out) when D ≥ ${v.rule.shiftRatio}. `) +
        `“Replicates agreeing” is the share of replicates whose own verdict equals the pooled one. ` +
        `The Dutch link is not part of the verdict: it says who runs the Belgian activity, as the share of Belgian sites with a Dutch organiser, supplies from the Netherlands or sales there.`,
    );
    if (v.reference) WB.el(fig, 'p', { class: 'note', id: 'reference-source' }, `Study verdicts: ${v.reference.source}.`);
    WB.sourceLine(fig, data.meta.source, 'File: summary.json.');
    run.carriers(s, data);
    return { id, title: 'Verdicts' };
  };
})();
