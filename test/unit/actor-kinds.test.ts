import { describe, expect, it } from 'vitest';
import { ACTOR_PHASES, BuiltKinds, type ActorKind, type ActorPhase, type Context } from '../../sim/agents';
import { Labs } from '../../sim/agents/labs';
import { Sellers } from '../../sim/agents/sellers';
import { agentCount, buildModel, step } from '../../sim/engine';
import { loadCatalog } from '../../sim/io/parameters';
import { loadWorld } from '../../sim/io/worldData';
import { loadScenario } from '../../sim/scenario';

// The actor kinds behind one interface: the registry builds them with their peers, and the scheduler
// gives each kind's step its turn, phase by phase, down the supply chain.

const scenario = loadScenario('scenarios/baseline.yaml');
const world = loadWorld();
const names = (kinds: readonly ActorKind[]) => kinds.map((k) => k.name);

describe('the actor-kind registry', () => {
  const model = buildModel(scenario, world, 1, 0);

  it('builds every kind once, in its order', () => {
    expect(names(model.kinds)).toEqual(['growers', 'labs', 'sellers-cannabis', 'sellers-synthetic', 'sellers-cocaine', 'consumers', 'importers', 'brokers']);
  });

  it('orders the kinds down the supply chain for the phases, keeping the registry order within an echelon', () => {
    expect(names(model.chain)).toEqual(['growers', 'labs', 'importers', 'brokers', 'sellers-cannabis', 'sellers-synthetic', 'sellers-cocaine', 'consumers']);
  });

  it('gives every kind steps only in the actor phases, and parameters under its prefix', () => {
    const paths = [...loadCatalog().keys()];
    for (const kind of model.kinds) {
      expect(Object.keys(kind.steps).length, kind.name).toBeGreaterThan(0);
      for (const phase of Object.keys(kind.steps)) expect(ACTOR_PHASES, `${kind.name} steps in ${phase}`).toContain(phase);
      expect(paths.some((p) => p.startsWith(`${kind.prefix}.`)), `parameters ${kind.prefix}.*`).toBe(true);
    }
  });

  it('wires peers at construction: synthetic mail vendors work for the labs’ organisations', () => {
    const labs = model.kinds.find((k): k is Labs => k instanceof Labs)!;
    const synthetic = model.kinds.find((k): k is Sellers => k instanceof Sellers && k.name === 'sellers-synthetic')!;
    expect(synthetic.site.orgs).toBe(labs.site.orgs);
    expect(model.organisations).toHaveLength(6);
  });

  it('counts every kind’s agents', () => {
    expect(agentCount(model)).toBe(model.kinds.reduce((n, k) => n + k.agents, 0));
    expect(model.kinds.find((k) => k.name === 'growers')!.agents).toBeGreaterThan(0);
  });
});

describe('BuiltKinds', () => {
  it('finds peers by class, and names a peer that is not built yet', () => {
    const built = new BuiltKinds();
    expect(built.all(Sellers)).toEqual([]);
    expect(() => built.one(Labs)).toThrow('actor kinds: expected one Labs built before this kind, found 0');
  });
});

describe('the scheduler', () => {
  it('runs each phase’s steps down the supply chain, in the phase order of the week', () => {
    const model = buildModel(scenario, world, 1, 0);
    const calls: string[] = [];
    for (const kind of model.kinds) {
      const steps = kind.steps as Partial<Record<ActorPhase, (ctx: Context) => void>>;
      for (const phase of ACTOR_PHASES) {
        const run = steps[phase];
        if (run) steps[phase] = (ctx) => {
          calls.push(`${phase} ${kind.name}`);
          run(ctx);
        };
      }
    }
    step(model);
    const sellers = ['sellers-cannabis', 'sellers-synthetic', 'sellers-cocaine'];
    expect(calls).toEqual([
      'retail consumers',
      'production growers',
      'production labs',
      ...['importers', 'brokers', ...sellers].map((k) => `trade ${k}`),
      ...['growers', 'labs', 'importers', 'brokers', ...sellers].map((k) => `entry ${k}`),
    ]);
    expect(model.ctx.tick).toBe(1);
  });
});

describe('the weekly counts of a kind’s actors', () => {
  // The history has raids, takedowns, moves, scale-ups and Dutch links that change: all that changes a cell.
  const history = loadScenario('scenarios/dismark-history.yaml');

  it('keep each population’s tallies of alive actors (per district × class × origin and their links; per district × origin, the contact books’ sizes) equal to a count of them, week after week', () => {
    const model = buildModel(history, world, 1, 0);
    const sites = model.kinds.flatMap((k) => (k.site ? [{ name: k.name, pop: k.site.pop }] : []));
    const wrong: string[] = [];
    for (let t = 0; t < model.ctx.calendar.ticks && wrong.length === 0; t++) {
      step(model);
      for (const { name, pop } of sites) {
        const count = new Int32Array(pop.tallies.length);
        for (let i = 0; i < pop.highWater; i++) if (pop.isAlive[i]) pop.countInto(count, i, 1);
        const at = count.findIndex((n, c) => n !== pop.tallies[c]);
        if (at >= 0) wrong.push(`${name}, week ${t}, tally ${at}: kept ${pop.tallies[at]}, counted ${count[at]}`);
        const perPlace = new Int32Array(pop.perPlace.length);
        for (let i = 0; i < pop.highWater; i++) if (pop.isAlive[i]) perPlace[pop.district[i] * 2 + pop.origin[i]]++;
        const place = perPlace.findIndex((n, at) => n !== pop.perPlace[at] || n !== pop.contactsAt[at].size);
        if (place >= 0) wrong.push(`${name}, week ${t}, district × origin ${place}: tally ${pop.perPlace[place]}, book ${pop.contactsAt[place].size}, alive ${perPlace[place]}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(sites.map((s) => s.pop.alive).every((n) => n > 0)).toBe(true);
  });

  it('count the actors operating this week: those of startWeek still alive after the kind’s step, by district and class', () => {
    const model = buildModel(history, world, 1, 0);
    const wrong: string[] = [];
    let sidelined = 0;
    for (const kind of model.kinds) {
      const site = kind.site;
      if (!site) continue;
      const steps = kind.steps as Partial<Record<ActorPhase, (ctx: Context) => void>>;
      for (const phase of ['production', 'trade'] as const) {
        const run = steps[phase];
        if (run) steps[phase] = (ctx) => {
          run(ctx);
          const { pop, active, operating } = site;
          const classes = site.config.classes.length;
          const count = new Int32Array(ctx.world.size * classes);
          for (let j = 0; j < operating; j++) if (pop.isAlive[active[j]]) count[pop.district[active[j]] * classes + pop.kind[active[j]]]++;
          for (let k = 0; k < ctx.world.size; k++) {
            for (let cls = 0; cls < classes; cls++) {
              if (site.counts.ofClass(k, cls) !== count[k * classes + cls]) wrong.push(`${kind.name}, week ${ctx.tick}, district ${k}, class ${cls}`);
            }
          }
          sidelined += site.raids.sidelinedCount;
        };
      }
    }
    for (let t = 0; t < 400 && wrong.length === 0; t++) step(model);
    expect(wrong.slice(0, 5)).toEqual([]);
    // (raided actors that carry on were there to leave out)
    expect(sidelined).toBeGreaterThan(0);
  });
});
