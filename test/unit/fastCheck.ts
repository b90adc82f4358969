/**
 * Every property suite runs with one fixed seed, so a failure reproduces on any machine: fast-check
 * prints the seed and the counterexample's path in the failure message. `FC_SEED=<n>` explores
 * other inputs; `FC_NUM_RUNS=<n>` runs more (or fewer) cases per property.
 */
import fc from 'fast-check';

export const PROPERTY_SEED = Number(process.env.FC_SEED ?? 20261201);
const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

fc.configureGlobal({ seed: PROPERTY_SEED, numRuns });
