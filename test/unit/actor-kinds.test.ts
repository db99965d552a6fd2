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
