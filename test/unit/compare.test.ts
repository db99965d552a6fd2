import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../sim/io/worldData';
import { wdqAreas, weightedDisplacementQuotient } from '../../sim/metrics/compare';

const world = loadWorld();

describe('Weighted Displacement Quotient', () => {
  it('is negative when the buffer gains what the treatment area loses (displacement)', () => {
    const r = weightedDisplacementQuotient({ A: 100, B: 100, C: 100 }, { A: 50, B: 150, C: 100 });
    expect(r.successMeasure).toBeCloseTo(-0.5);
    expect(r.bufferMeasure).toBeCloseTo(0.5);
    expect(r.wdq).toBeCloseTo(-1);
  });

  it('is positive when the buffer falls too (diffusion of benefits)', () => {
    const r = weightedDisplacementQuotient({ A: 100, B: 100, C: 100 }, { A: 50, B: 80, C: 100 });
    expect(r.bufferMeasure).toBeCloseTo(-0.2);
    expect(r.wdq).toBeCloseTo(0.4);
  });

  it('controls for a general trend through the control area', () => {
    // everything doubles: no success, no displacement
    const r = weightedDisplacementQuotient({ A: 100, B: 100, C: 100 }, { A: 200, B: 200, C: 200 });
    expect(r.successMeasure).toBeCloseTo(0);
    expect(r.wdq).toBeNull();
  });

  it('is undefined without control activity', () => {
    expect(weightedDisplacementQuotient({ A: 1, B: 1, C: 0 }, { A: 1, B: 1, C: 1 }).wdq).toBeNull();
  });
});

describe('WDQ areas', () => {
  it('takes the land neighbours as buffer, across the border too, and the rest as control', () => {
    const areas = wdqAreas(world, ['be-limburg'])!;
    expect(areas.treatment).toEqual(['be-limburg']);
    expect(areas.buffer.sort()).toEqual(['be-antwerpen', 'be-leuven', 'be-liege', 'nl-limburg', 'nl-oost-brabant'].sort());
    expect(areas.control).not.toContain('be-limburg');
    expect(areas.treatment.length + areas.buffer.length + areas.control.length).toBe(22);
  });

  it('has no areas when nothing is targeted or nothing is left for control', () => {
    expect(wdqAreas(world, [])).toBeNull();
    expect(wdqAreas(world, world.ids.slice())).toBeNull();
  });
});
