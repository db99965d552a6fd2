'use strict';
// Notes: what was run (scenario, seed, replicates, version) and how to read the report.
/* global WB */
(function () {
  const run = (WB.run = WB.run || {});

  run.notes = function (root, data) {
    const id = 'notes';
    const title = 'Notes: what was run and how to read it';
    const s = WB.section(root, id, title);
    const m = data.meta;
    const dl = WB.el(s, 'dl', { class: 'facts', id: 'run-facts' });
    const fact = (k, v, attrs) => {
      WB.el(dl, 'dt', {}, k);
      WB.el(dl, 'dd', attrs || {}, v);
    };
    fact('Scenario', m.scenario.name, { id: 'fact-scenario' });
    fact('Description', m.scenario.description || '–', { id: 'fact-description' });
    fact('Simulated period', `${m.scenario.start} to ${m.scenario.end}`);
    fact('Seed', String(m.seed), { id: 'fact-seed' });
    fact('Replicates', String(m.reps), { id: 'fact-reps' });
    fact('waterbed version', m.commit ? `${m.version} (commit ${m.commit})` : m.version, { id: 'fact-version' });
    fact('Node.js', m.node);
    fact('Run', `${m.startedAt} to ${m.finishedAt}`);
    fact('Report generated', m.generatedAt, { id: 'fact-generated' });
    fact('Scenario hash (sha256)', m.scenario.hash);

    WB.el(s, 'h3', {}, 'How to read this report');
    const ul = WB.el(s, 'ul', { class: 'reading' });
    [
      'True and observed: “true” metrics are what happens in the model; “observed” metrics (dismantled sites, dump sites found, seizures, arrests) are what police find, and they rise with police effort as well as with activity. A district that looks harder finds more even if nothing changed underneath; compare both before reading a trend in police statistics as a trend in the market.',
      'Units: every value is monthly: flows (kilograms, sales, arrests) per month, stocks (active sites) as the monthly mean. ' +
        (data.map.step === 'month' ? 'The map steps month by month.' : `The map shows the mean monthly value over each ${data.map.step}.`),
      `Replicates: every number is the mean over ${m.reps} independent run${m.reps === 1 ? '' : 's'} of the same scenario with different random numbers; bands and intervals are 95% intervals of that mean.`,
      data.flows.source === 'estimate'
        ? 'Relocation arrows are estimated from each district’s moves in and out (net moves, shared out in proportion): this results folder has no flows.csv, which records who went from where to where.'
        : 'Relocation arrows are the actors that moved from one district to another in a year (flows.csv), the largest pairs only; the note under the map says how much of the year’s moves they carry.',
      'The verdict uses true volumes only, summed over each country’s districts, and the analysis windows shown on the charts.',
    ].forEach((t) => WB.el(ul, 'li', {}, t));

    WB.el(s, 'h3', {}, 'Files');
    WB.el(
      s,
      'p',
      {},
      'This report was built from the results folder’s manifest.json (what was run), series.parquet (monthly series per district and country), ' +
        (data.flows.source === 'estimate' ? '' : 'flows.csv (relocations between districts), ') +
        'and summary.json (verdicts); ' +
        'the files are described in docs/OUTPUTS.md of the waterbed project. `waterbed report <folder>` rebuilds it.',
    );
    WB.el(s, 'p', { class: 'note' }, m.mapCredit);
    return { id, title: 'Notes' };
  };
})();
