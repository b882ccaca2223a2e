// Graph evidence for the checks: see collect.ts.
export { collectGraphFacts, type CollectGraphOptions, type GraphCollection } from './collect';
export type { GraphPhase, GraphProgress } from './graph-run';
export { evaluateCaPolicy, type CaEvaluation, type Membership } from './conditional-access';
export { retryDelaySeconds } from './retry';
