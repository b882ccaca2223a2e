// Graph evidence for the checks: see collect.ts.
export { collectGraphFacts, type CollectGraphOptions, type GraphCollection } from './collect';
export type { GraphPhase, GraphProgress } from './graph-run';
export { whatIf, whatIfFacts, type Membership, type PolicyWhatIf, type WhatIfInput } from './ca-whatif';
export { retryDelaySeconds } from './retry';
