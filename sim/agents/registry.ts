import { MARKETS } from '../core/types';
import { Brokers } from './brokers';
import { Consumers } from './consumers';
import { Growers } from './growers';
import { Importers } from './importers';
import type { BuildKind } from './kind';
import { Labs } from './labs';
import { Sellers } from './sellers';

// The one place that lists the actor kinds. The model builds them in this order, each given the
// peers it needs from those built before it; their series appear in the outputs in this order too.
// (Within a phase of the week they act in supply-chain order: see ActorKind.echelon.)
export const actorKinds: readonly BuildKind[] = [
  (ctx, p) => new Growers(ctx, p),
  (ctx, p) => new Labs(ctx, p),
  // Mail vendors of synthetic drugs work for the labs' organisations.
  ...MARKETS.map((m): BuildKind => (ctx, p, built) => new Sellers(ctx, p, m, m === 'synthetic' ? built.one(Labs) : undefined)),
  (ctx, p, built) => new Consumers(ctx, p, built.all(Sellers)),
  (ctx, p) => new Importers(ctx, p),
  (ctx, p, built) => new Brokers(ctx, p, built.one(Importers)),
];
