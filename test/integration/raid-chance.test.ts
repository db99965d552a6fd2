import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_BOUND } from '../../sim/agents/draws';
import type { Growers } from '../../sim/agents/growers';
import { buildModel } from '../../sim/engine/model';
import { step } from '../../sim/engine/scheduler';
import { loadWorld } from '../../sim/io/worldData';
import { loadScenario } from '../../sim/scenario';
import { NL } from '../../sim/world/world';

// Police find each actor with its cell's weekly chance also where that chance is above the bound
// below which raid coins are looked at only in check weeks (Raids.sweep). With police effort and
// growers' visibility at the top of their ranges, saturation at the bottom of its range and few
// growers (entry not answering the price rise the raids cause), nearly all growers' chances are above it; the raids the recorder counts must match the sum
// of the chances of the growers each week's sweep saw (takedowns are off: no cannabis investigation
// slots).

const world = loadWorld();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-raid-chance-'));
const file = path.join(dir, 'visible-growers.yaml');
fs.writeFileSync(
  file,
  `name: visible-growers
description: short with the most police effort on cannabis, the most visible and fewest growers (entry deaf to prices), and no cannabis investigations
extends: ${path.resolve('test/fixtures/scenarios/short.yaml')}
parameters:
  enforcement.investigationSlotsPer100k.cannabis: 0
  enforcement.findingsPer100kPerWeek.cannabis: 3
  growers.visibility.small: 5
  growers.visibility.medium: 5
  growers.visibility.large: 5
  growers.visibility.industrial: 5
  enforcement.halfSaturationSitesPer100k.cannabis: 10
  growers.initialSites.BE: 100
  growers.initialSites.NL: 5000
  growers.entryPer100kPerWeek.BE: 0.05
  growers.entryPer100kPerWeek.NL: 0.05
  prices.entryResponse: 0
  population.scale: 1
`,
);

describe('raid chances above the check bound', () => {
  it('give as many raids as the sum of the chances', () => {
    const model = buildModel(loadScenario(file), world, 5, 0);
    const site = (model.kinds.find((k) => k.name === 'growers') as Growers).site;
    const pop = site.pop;
    const hazards = (site.raids as unknown as { hazards: { anyRaid: Float64Array; classes: number } }).hazards;
    let expected = 0;
    let expectedAbove = 0;
    const cells: number[] = [];
    for (let t = 0; t < model.ctx.calendar.ticks; t++) {
      // the growers' cells as the week's sweep will see them
      cells.length = 0;
      for (let i = 0; i < pop.highWater; i++) {
        if (!pop.isAlive[i]) continue;
        const k = pop.district[i];
        const link = (pop.flags[i] !== 0) !== (world.country[k] === NL) ? 1 : 0;
        cells.push((k * hazards.classes + pop.kind[i]) * 2 + link);
      }
      step(model);
      for (const cell of cells) {
        const chance = hazards.anyRaid[cell];
        expected += chance;
        if (chance > CHECK_BOUND) expectedAbove += chance;
      }
    }
    const series = model.ctx.recorder.result();
    const M = series.months.length;
    let observed = 0;
    series.keys.forEach((k, i) => {
      if (k.market === 'cannabis' && k.echelon === 'production' && k.metric === 'dismantled_sites' && !k.size && !k.origin) {
        for (let m = 0; m < M; m++) observed += series.values[i * M + m];
      }
    });
    observed /= site.weight; // the recorder counts real sites; an agent stands for 1 / weight of them
    // most of the raids expected come from chances above the bound, where a sweep that looked only at
    // check weeks would find at most CHECK_BOUND of the actors a week
    expect(expectedAbove / expected).toBeGreaterThan(0.9);
    expect(expected).toBeGreaterThan(1000);
    // Poisson noise: the standard deviation of the count is about √expected
    expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });
});
