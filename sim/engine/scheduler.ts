import type { Model } from './model';

// The phase order of one week, written once. Everything else is a function a phase calls.
//
//   policies      → levers for this week (reset, then every active event in start order)
//   enforcement   → effort, hazards and investigation slots from levers and last week's workload;
//                   investigations that end this week flag their organisations for takedown
//   retail        → consumers buy through their channels (and may switch)
//   production    → growers and labs: raids, cycles, harvests and batches, relocation
//   trade         → importers ship, brokers sell, sellers serve the week's demand
//   learning      → news of this week's raids, know-how diffusion, prices
//   entry         → newcomers where profits or unserved demand are seen
//   close         → takedown flags cleared, beliefs decay

export function step(model: Model): void {
  const { ctx } = model;
  const t = ctx.tick;
  ctx.year = ctx.calendar.yearOfTick(t);
  ctx.recorder.startTick(t);

  model.policies.apply(ctx.levers, t, ctx.world);

  ctx.enforcement.update(ctx.levers);
  ctx.investigations.completeDue(t, ctx.enforcement, (m) => model.investigationStreams[m].next() < ctx.levers.crossBorderCooperation);

  model.consumers.step(model.sellers);

  model.growers.step(ctx);
  model.labs.step(ctx);

  model.importers.step(ctx, model.brokers);
  model.brokers.step(ctx, model.importers);
  for (const s of model.sellers) s.step(ctx);

  ctx.signal.update();
  ctx.knowhow.update(0, ctx.levers.growShopAccess[0]);
  ctx.knowhow.update(1, 1);
  ctx.prices.update();

  model.growers.enter(ctx);
  model.labs.enter(ctx);
  model.importers.enter(ctx);
  model.brokers.enter(ctx, model.importers);
  for (const s of model.sellers) s.enter(ctx);

  ctx.investigations.clearTakedowns();
  for (const kind of model.kinds) kind.pop.risk.decay();
  for (const orgs of model.organisations) orgs.risk.decay();
  ctx.tick = t + 1;
}
