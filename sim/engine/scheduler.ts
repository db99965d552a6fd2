import type { CensusTaker } from '../agents/census';
import { DRAW } from '../agents/draws';
import type { ActorPhase } from '../agents/kind';
import { CANNABIS, SYNTHETIC } from '../core/types';
import { BE } from '../world/world';
import type { Model } from './model';

// The phase order of one week, written once. Everything else is a function a phase calls. In the
// phases where actor kinds act, each kind that takes part takes its turn down the supply chain
// (production, import, middle market, retail; see ActorKind in sim/agents/kind.ts).
//
//   policies      → levers for this week (reset, then every active event in start order)
//   enforcement   → effort, hazards and investigation slots from levers and last week's workload;
//                   investigations that end this week flag their organisations for takedown
//   retail        → consumers buy through their channels (and may switch)
//   production    → growers and labs: raids, cycles, harvests and batches, relocation
//   trade         → importers ship, brokers sell, sellers serve the week's demand
//   leads         → the week's leads from raids and seizures open investigations where slots are free
//   learning      → news of this week's raids, know-how diffusion, prices
//   census        → (when asked, on its weeks) a record of every actor operating this week
//   entry         → newcomers where profits or unserved demand are seen
//   close         → takedown flags cleared, beliefs decay

/** One week; `census`, when given, takes the actor census on its weeks. */
export function step(model: Model, census?: CensusTaker): void {
  const { ctx } = model;
  const t = ctx.tick;
  ctx.year = ctx.calendar.yearOfTick(t);
  ctx.recorder.startTick(t);

  model.policies.apply(ctx.levers, t, ctx.world);

  ctx.enforcement.update(ctx.levers);
  ctx.investigations.completeDue(t, ctx.enforcement, (m, id) => model.investigationStreams[m].at(model.investigationStreams[m].keyOf(id), t, DRAW.crossBorderTakedown) < ctx.levers.crossBorderCooperation);

  act(model, 'retail');
  act(model, 'production');
  act(model, 'trade');
  ctx.investigations.openLeads(ctx.enforcement);

  ctx.signal.update();
  // Know-how reaches Belgian growers also through Belgian grow shops (the Belgian access lever);
  // cooking know-how has no such channel that a policy closes.
  ctx.knowhow.update(CANNABIS, ctx.levers.growShopAccess[BE]);
  ctx.knowhow.update(SYNTHETIC, 1);
  ctx.prices.update();

  census?.take(ctx);
  act(model, 'entry');

  ctx.investigations.clearTakedowns();
  for (const kind of model.kinds) kind.site?.pop.risk.decay();
  for (const orgs of model.organisations) orgs.risk.decay();
  ctx.tick = t + 1;
}

/** Every kind that takes part in `phase` takes its turn, down the supply chain. */
function act(model: Model, phase: ActorPhase): void {
  for (const kind of model.chain) kind.steps[phase]?.(model.ctx);
}
