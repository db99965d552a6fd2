import { describe, expect, it } from 'vitest';
import { Organisations } from '../../sim/agents/organisations';
import { Population } from '../../sim/agents/population';
import {
  chooseFirstOfTwo,
  chooseLogit,
  chooseLogitKeyed,
  chooseLogitKeyedBounded,
  logitProbabilities,
  pickWeighted,
  pickWeightedKeyed,
  type ChoiceDraw,
} from '../../sim/behaviour/choice';
import { chooseLocation, LocationChooser, perceivedRisk, type LocationTerms, type RiskView } from '../../sim/behaviour/location';
import { KeyedStream, RandomStream } from '../../sim/core';
import { weekKey, weekUniform } from '../../sim/core/keyed';
import { EXP_BRACKET_BOTTOM, EXP_BRACKET_TOP, expBracket } from '../../sim/core/math';
import { BE, buildWorld, NL, type DistrictRow } from '../../sim/world/world';

// Discrete choice: logit probabilities, the one-uniform pickers, and the location choice that trades
// attractiveness against perceived risk.

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe('logitProbabilities', () => {
  it('sums to 1 and follows exp(u/T) ratios, for large utilities too', () => {
    for (const [u, T] of [
      [[0, 1, 2], 1],
      [[-3, 0.5, 0.5, 4], 0.5],
      [[800, 801, 799], 1], // would overflow without the max-shift
      [[-1000, -1001], 2],
    ] as [number[], number][]) {
      const p = logitProbabilities(u, u.length, T, new Float64Array(u.length));
      expect(sum(p)).toBeCloseTo(1, 12);
      for (let k = 0; k < u.length; k++) {
        expect(Number.isFinite(p[k])).toBe(true);
        expect(p[k]).toBeGreaterThan(0);
        expect(p[k] / p[0]).toBeCloseTo(Math.exp((u[k] - u[0]) / T), 9);
      }
    }
  });

  it("a district's probability falls as its perceived risk rises (u_k = a − b·risk_k)", () => {
    const a = 1.5;
    const b = 4;
    const risk = [0.1, 0.2, 0.3, 0.15];
    const p = new Float64Array(4);
    let last = Infinity;
    let lastOthers = -Infinity;
    for (const r1 of [0, 0.1, 0.25, 0.5, 0.75, 1]) {
      risk[1] = r1;
      logitProbabilities(risk.map((r) => a - b * r), 4, 1, p);
      expect(sum(p)).toBeCloseTo(1, 12);
      expect(p[1]).toBeLessThan(last);
      // the others gain what district 1 loses, in fixed proportions
      expect(p[0] + p[2] + p[3]).toBeGreaterThan(lastOthers);
      expect(p[0] / p[2]).toBeCloseTo(Math.exp(b * 0.2), 9);
      last = p[1];
      lastOthers = p[0] + p[2] + p[3];
    }
  });
});

describe('chooseLogit', () => {
  it('never picks an option of utility −∞ (a channel that does not exist), even with u = 0', () => {
    const w = new Float64Array(3);
    for (const u of [0, 1e-300, 0.5, 1 - 2 ** -53]) expect(chooseLogit([-Infinity, -40, 2], 3, 1, u, w)).not.toBe(0);
    expect(chooseLogit([-Infinity, -40, 2], 3, 1, 0, w)).toBe(1);
  });

  it('picks each option as often as logitProbabilities says (100k draws, within 0.01)', () => {
    const rng = new RandomStream('choice-test');
    for (const [u, T] of [
      [[0.2, -1, 1.3, 0, 0.7], 1],
      [[2, 1, 0], 0.5],
      [[-4, -3.5, -6], 2],
    ] as [number[], number][]) {
      const n = u.length;
      const expected = logitProbabilities(u, n, T, new Float64Array(n));
      const counts = new Float64Array(n);
      const scratch = new Float64Array(n);
      const draws = 100_000;
      for (let d = 0; d < draws; d++) counts[chooseLogit(u, n, T, rng.next(), scratch)]++;
      for (let k = 0; k < n; k++) expect(Math.abs(counts[k] / draws - expected[k]), `option ${k} of [${u}]`).toBeLessThan(0.01);
    }
  });

  it('maps the uniform through the cumulative probabilities', () => {
    const u = [0, Math.log(2), Math.log(3)]; // probabilities 1/6, 2/6, 3/6
    const w = new Float64Array(3);
    expect(chooseLogit(u, 3, 1, 0, w)).toBe(0);
    expect(chooseLogit(u, 3, 1, 0.16, w)).toBe(0);
    expect(chooseLogit(u, 3, 1, 0.17, w)).toBe(1);
    expect(chooseLogit(u, 3, 1, 0.49, w)).toBe(1);
    expect(chooseLogit(u, 3, 1, 0.51, w)).toBe(2);
    expect(chooseLogit(u, 3, 1, 0.999999, w)).toBe(2);
  });
});

describe('chooseLogitKeyed and pickWeightedKeyed (a keyed random number per option)', () => {
  const random = new KeyedStream('keyed-choice');
  const draw = (d: number): ChoiceDraw => ({ key: random.keyOf(d), tick: 3, purpose: 7 });

  it('pick each option as often as the logit and the weights say, and never an impossible one', () => {
    for (const [u, T] of [
      [[0.2, -1, 1.3, 0, 0.7], 1],
      [[-Infinity, -4, -3.5, -6], 2],
    ] as [number[], number][]) {
      const n = u.length;
      const expected = logitProbabilities(u, n, T, new Float64Array(n));
      const counts = new Float64Array(n);
      const draws = 100_000;
      for (let d = 0; d < draws; d++) counts[chooseLogitKeyed(u, n, T, draw(d))]++;
      for (let k = 0; k < n; k++) expect(Math.abs(counts[k] / draws - expected[k]), `option ${k} of [${u}]`).toBeLessThan(0.01);
    }
    const weights = [0, 1, 0, 3];
    const counts = [0, 0, 0, 0];
    for (let d = 0; d < 40_000; d++) counts[pickWeightedKeyed(weights, 4, draw(d))]++;
    expect([counts[0], counts[2]]).toEqual([0, 0]);
    expect(Math.abs(counts[1] / 40_000 - 0.25)).toBeLessThan(0.01);
    expect(pickWeightedKeyed([0, 0], 2, draw(1))).toBe(-1);
  });

  it('a change in one option moves choices only to or from that option (common random numbers per option)', () => {
    const before = [0.5, 0.1, 0.9, 0.3, 0.2];
    const after = before.map((u, k) => (k === 1 ? u + 0.3 : u)); // option 1 becomes more attractive
    const w = [2, 1, 3, 1, 2];
    const w2 = w.map((x, k) => (k === 3 ? x * 1.5 : x));
    let moved = 0;
    for (let d = 0; d < 50_000; d++) {
      const a = chooseLogitKeyed(before, 5, 1, draw(d));
      const b = chooseLogitKeyed(after, 5, 1, draw(d));
      if (a !== b) {
        moved++;
        expect(b).toBe(1);
      }
      const p = pickWeightedKeyed(w, 5, draw(d));
      const q = pickWeightedKeyed(w2, 5, draw(d));
      if (p !== q) expect(q).toBe(3);
    }
    expect(moved).toBeGreaterThan(0);
    // with one uniform against the cumulative weights, choices also move between untouched options
    let between = 0;
    const rng = new RandomStream('one-uniform');
    const scratch = new Float64Array(5);
    for (let d = 0; d < 50_000; d++) {
      const u = rng.next();
      const a = chooseLogit(before, 5, 1, u, scratch);
      const b = chooseLogit(after, 5, 1, u, scratch);
      if (a !== b && a !== 1 && b !== 1) between++;
    }
    expect(between).toBeGreaterThan(0);
  });
});

describe('chooseLogitKeyed without an exponential per option', () => {
  /** The race as defined: every option's time −ln(1 − U_k) × e^(−u_k / T), the first (lowest index on a tie) wins. */
  function plainRace(utilities: number[], T: number, draw: ChoiceDraw): number {
    const week = weekKey(draw.key, draw.tick);
    let best = -1;
    let first = Infinity;
    utilities.forEach((u, k) => {
      const time = -Math.log(1 - weekUniform(week, draw.purpose * 256 + k)) * Math.exp(-u * (1 / T));
      if (time < first) {
        first = time;
        best = k;
      }
    });
    return best;
  }

  it('brackets Math.exp(x) within a few per cent, over the whole range, at powers of two and beyond it', () => {
    const rng = new RandomStream('exp-bracket');
    const xs = [0, -0, 1e-300, -1e-300, Math.LN2, -Math.LN2, 700, -700, 710, -745, 800, -800, Infinity, -Infinity];
    for (let j = -1000; j <= 1000; j++) xs.push(j * Math.LN2, j * Math.LN2 * (1 + 1e-15), j * Math.LN2 * (1 - 1e-15), (j + 0.4427) * Math.LN2);
    for (let d = 0; d < 200_000; d++) xs.push((rng.next() - 0.5) * (d % 2 ? 40 : 1400));
    let outside = 0;
    let spread = 0;
    for (const x of xs) {
      const b = expBracket(x);
      const e = Math.exp(x);
      if (!(b * EXP_BRACKET_BOTTOM <= e && e <= b * EXP_BRACKET_TOP)) outside++;
      if (e > 0 && Number.isFinite(e)) spread = Math.max(spread, b / e);
    }
    expect(outside).toBe(0);
    expect(spread).toBeGreaterThan(1.05);
    expect(spread).toBeLessThan(1 / EXP_BRACKET_BOTTOM);
  });

  it('picks the option whose exact time comes first, for utilities near and far apart, tied, impossible or beyond the bracket', () => {
    const random = new KeyedStream('keyed-choice-exact');
    const rng = new RandomStream('utilities');
    const spreads = [0.01, 0.3, 2, 20, 300, 1500];
    let disagree = 0;
    let draws = 0;
    for (let d = 0; d < 60_000; d++) {
      const n = 2 + (d % 23);
      const spread = spreads[d % spreads.length];
      const u = Array.from({ length: n }, () => (rng.next() - 0.5) * spread);
      if (d % 7 === 0) u[1] = u[0]; // a tie
      if (d % 11 === 0) u[n - 1] = -Infinity;
      const T = d % 5 === 0 ? 0.37 : 1;
      const draw: ChoiceDraw = { key: random.keyOf(d), tick: d % 97, purpose: 12 };
      if (chooseLogitKeyed(u, n, T, draw) !== plainRace(u, T, draw)) disagree++;
      draws++;
    }
    expect(disagree).toBe(0);
    expect(draws).toBe(60_000);
    expect(chooseLogitKeyed([-Infinity, -Infinity], 2, 1, { key: 1, tick: 0, purpose: 1 })).toBe(-1);
  });
});

describe('chooseLogitKeyedBounded (utilities worked out only where they may win)', () => {
  it('picks what chooseLogitKeyed picks, from floors of the costs as loose or tight as they come, and works out few utilities', () => {
    const random = new KeyedStream('keyed-choice-bounded');
    const rng = new RandomStream('bounded-utilities');
    const slacks = [0, 1e-12, 0.05, 0.5, 3, 40];
    let disagree = 0;
    let asked = 0;
    let options = 0;
    for (let d = 0; d < 40_000; d++) {
      const n = 1 + (d % 24);
      const u = Array.from({ length: n }, () => (rng.next() - 0.5) * (d % 3 === 0 ? 8 : 2));
      if (d % 7 === 0 && n > 1) u[1] = u[0]; // a tie
      if (d % 11 === 0) u[n - 1] = -Infinity;
      if (d % 13 === 0) u[0] = NaN;
      if (d % 97 === 0) u.fill(-Infinity);
      const T = d % 5 === 0 ? 0.37 : 1;
      // a ceiling of each utility (the utility itself, or above it), and the floor of the cost from it
      const floor = u.map((x) => {
        const ceiling = x + slacks[(d + Math.floor(rng.next() * 6)) % slacks.length];
        return (d % 2 ? Math.exp(-ceiling / T) : expBracket(-ceiling / T) * EXP_BRACKET_BOTTOM) * (1 - 1e-12);
      });
      const draw: ChoiceDraw = { key: random.keyOf(d), tick: d % 97, purpose: 12 };
      const dear = { utility: (k: number) => (asked++, u[k]) };
      if (chooseLogitKeyedBounded(floor, n, T, draw, dear) !== chooseLogitKeyed(u, n, T, draw)) disagree++;
      options += n;
    }
    expect(disagree).toBe(0);
    // (fewer than all, even with floors 40 units of utility too low and the races that have none to bound them)
    expect(asked).toBeLessThan(0.7 * options);
  });
});

describe('pickWeighted', () => {
  it('returns −1 when every weight is zero', () => {
    expect(pickWeighted([0, 0, 0], 3, 0.5)).toBe(-1);
    expect(pickWeighted(new Float64Array(4), 4, 0)).toBe(-1);
    expect(pickWeighted([], 0, 0.3)).toBe(-1);
  });

  it('never picks a zero-weight option and follows the weights', () => {
    const weights = [0, 1, 0, 3];
    const rng = new RandomStream('pick-test');
    const counts = [0, 0, 0, 0];
    for (let d = 0; d < 40_000; d++) counts[pickWeighted(weights, 4, rng.next())]++;
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect(Math.abs(counts[1] / 40_000 - 0.25)).toBeLessThan(0.01);
    expect(pickWeighted(weights, 4, 0)).toBe(1);
    expect(pickWeighted(weights, 4, 0.999999)).toBe(3);
  });
});

describe('chooseFirstOfTwo', () => {
  it('picks the first with probability 1 / (1 + exp(u2 − u1))', () => {
    for (const [u1, u2] of [
      [0, 0],
      [1, 0],
      [-0.5, 1.5],
      [3, -2],
    ]) {
      const p = 1 / (1 + Math.exp(u2 - u1));
      // exactly the uniforms below p choose the first
      expect(chooseFirstOfTwo(u1, u2, Math.max(0, p - 1e-9))).toBe(true);
      expect(chooseFirstOfTwo(u1, u2, Math.min(0.9999999999, p + 1e-9))).toBe(false);
      // and it agrees with the general logit
      const two = logitProbabilities([u1, u2], 2, 1, new Float64Array(2));
      expect(two[0]).toBeCloseTo(p, 12);
      const rng = new RandomStream(`two-${u1}-${u2}`);
      let first = 0;
      for (let d = 0; d < 50_000; d++) if (chooseFirstOfTwo(u1, u2, rng.next())) first++;
      expect(Math.abs(first / 50_000 - p)).toBeLessThan(0.01);
    }
  });
});

describe('chooseLocation', () => {
  // Three made-up districts: two Belgian, one Dutch, a few tens of km apart.
  const rows: DistrictRow[] = [
    { id: 'be-a', name: 'A', country: 'BE', seatLat: 51.0, seatLon: 4.4, population: 500_000, areaKm2: 1000, hasMajorSeaport: false, otherPorts: [], neighbours: ['be-b', 'nl-c'] },
    { id: 'be-b', name: 'B', country: 'BE', seatLat: 51.0, seatLon: 4.8, population: 400_000, areaKm2: 900, hasMajorSeaport: false, otherPorts: [], neighbours: ['be-a'] },
    { id: 'nl-c', name: 'C', country: 'NL', seatLat: 51.4, seatLon: 4.6, population: 600_000, areaKm2: 1200, hasMajorSeaport: true, otherPorts: ['x'], neighbours: ['be-a'] },
  ];
  const world = buildWorld(rows);
  const K = world.size;

  function setup() {
    const orgs = new Organisations(4, K, 0.95);
    const o = orgs.create(0, BE, 0);
    const pop = new Population(4, K, 0.95, 1);
    const i = pop.add(0, 0, 0, BE, o, 0, 0.5);
    orgs.join(o);
    const terms: LocationTerms = {
      attract: new Float64Array(2 * K), // equally attractive everywhere
      riskWeight: 5,
      kmWeightPer100: 0,
      foreignPenalty: 0,
      stayBonus: 0,
    };
    const view: RiskView = { publicRisk: new Float64Array(K), publicOffset: 0, bias: new Float64Array(4) };
    return { orgs, pop, i, terms, view };
  }

  function shares(s: ReturnType<typeof setup>, stake: number, key: string): number[] {
    const random = new KeyedStream(key);
    const counts = new Array<number>(K).fill(0);
    const draws = 30_000;
    for (let d = 0; d < draws; d++) counts[chooseLocation(s.pop, s.orgs, s.i, stake, s.terms, s.view, world, { key: random.keyOf(d), tick: 0, purpose: 1 })]++;
    return counts.map((c) => c / draws);
  }

  it('builds the hand-made world', () => {
    expect(K).toBe(3);
    expect(Array.from(world.country)).toEqual([BE, BE, NL]);
    expect(world.index('nl-c')).toBe(2);
    expect(world.bordersOtherCountry[0]).toBe(1);
    expect(world.bordersOtherCountry[1]).toBe(0);
  });

  it('perceived risk adds news, bias, own and contacts’ raids, clamped to [0, 1]', () => {
    const s = setup();
    expect(perceivedRisk(s.pop, s.orgs, s.view, world, s.i, 1)).toBe(0);
    s.view.publicRisk[1] = 0.1;
    s.view.bias[BE * 2 + BE] = 0.05;
    s.pop.risk.learn(s.i, 1, 0.2);
    s.orgs.risk.learn(s.pop.organisation[s.i], 1, 0.1);
    expect(perceivedRisk(s.pop, s.orgs, s.view, world, s.i, 1)).toBeCloseTo(0.45, 6);
    s.pop.risk.learn(s.i, 1, 1);
    expect(perceivedRisk(s.pop, s.orgs, s.view, world, s.i, 1)).toBe(1);
    s.view.bias[BE * 2 + NL] = -0.5;
    expect(perceivedRisk(s.pop, s.orgs, s.view, world, s.i, 2)).toBe(0);
  });

  it('with equal terms every district is about equally likely', () => {
    const s = setup();
    for (const p of shares(s, 1, 'loc-equal')) expect(Math.abs(p - 1 / 3)).toBeLessThan(0.015);
  });

  it('raising the perceived risk of a district (own raids) lowers how often it is chosen', () => {
    const s = setup();
    const base = shares(s, 1, 'loc-risk');
    s.pop.risk.learn(s.i, 1, 0.3);
    const once = shares(s, 1, 'loc-risk');
    s.pop.risk.learn(s.i, 1, 0.5);
    const twice = shares(s, 1, 'loc-risk');
    expect(once[1]).toBeLessThan(base[1] - 0.05);
    expect(twice[1]).toBeLessThan(once[1] - 0.05);
    // the logit share: exp(−5 r) / (2 + exp(−5 r)) with r = risk of district 1
    const r = s.pop.risk.get(s.i, 1);
    expect(Math.abs(twice[1] - Math.exp(-5 * r) / (2 + Math.exp(-5 * r)))).toBeLessThan(0.015);
    // the other districts gain
    expect(twice[0]).toBeGreaterThan(base[0]);
    expect(twice[2]).toBeGreaterThan(base[2]);
    // and a bigger stake makes the same risk weigh more
    const bigStake = shares(s, 3, 'loc-risk');
    expect(bigStake[1]).toBeLessThan(twice[1]);
  });

  it('the organisation’s (contacts’) raids count as well', () => {
    const s = setup();
    const base = shares(s, 1, 'loc-org');
    s.orgs.risk.learn(s.pop.organisation[s.i], 2, 0.6);
    const after = shares(s, 1, 'loc-org');
    expect(after[2]).toBeLessThan(base[2] - 0.1);
  });

  it('a LocationChooser picks what chooseLocation picks: own and contacts’ raids, news, bias, home, staying, either origin', () => {
    const s = setup();
    const rng = new RandomStream('location-chooser');
    const random = new KeyedStream('location-chooser');
    const terms: LocationTerms = { attract: Float64Array.from([0.3, -0.2, 0.1, 0, 0.4, -1]), riskWeight: 3, kmWeightPer100: 1.5, foreignPenalty: 2.5, stayBonus: 2 };
    const chooser = new LocationChooser(terms, world);
    // a second actor of the other origin, in another organisation based in NL
    const o2 = s.orgs.create(1, NL, 2);
    const j = s.pop.add(1, 1, 2, NL, o2, 0, 0.7);
    s.orgs.join(o2);
    let differ = 0;
    for (let d = 0; d < 20_000; d++) {
      if (d % 50 === 0) {
        // new news, biases, raids and moves now and then
        for (let k = 0; k < K; k++) s.view.publicRisk[k] = rng.next() * 0.3;
        for (let b = 0; b < 4; b++) s.view.bias[b] = (rng.next() - 0.5) * 0.2;
        const who = rng.next() < 0.5 ? s.i : j;
        if (rng.next() < 0.5) s.pop.risk.learn(who, Math.floor(rng.next() * K), rng.next());
        else s.orgs.risk.learn(s.pop.organisation[who], Math.floor(rng.next() * K), rng.next());
        s.pop.moveTo(who, Math.floor(rng.next() * K));
        if (d % 1000 === 0) s.pop.risk.clear(who);
      }
      const i = d % 2 ? s.i : j;
      const stake = [0.3, 1, 5][d % 3];
      const draw = { key: random.keyOf(d), tick: d % 53, purpose: 21 };
      if (chooser.choose(s.pop, s.orgs, i, stake, s.view, draw) !== chooseLocation(s.pop, s.orgs, i, stake, terms, s.view, world, draw)) differ++;
    }
    expect(differ).toBe(0);
  });
});
