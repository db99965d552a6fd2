// The actors and the police: the actor kinds behind one interface and their registry, the context
// their phases share, and enforcement and investigations (per district, not agents).
export type { Context } from './context';
export { ACTOR_PHASES, BuiltKinds, type ActorKind, type ActorPhase, type BuildKind } from './kind';
export { actorKinds } from './registry';
export { Enforcement } from './enforcement';
export { Investigations } from './investigations';
export { Organisations } from './organisations';
export { Population } from './population';
export { SiteKind, type SiteKindConfig } from './siteKind';
