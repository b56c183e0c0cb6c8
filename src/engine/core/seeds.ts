/**
 * Which data stream a seed's run trains on (SPEC 8): seed s is a dense run with init seed s and
 * data seed  seedData + (s − seedInit) mod 2^31.  The main run (s = seedInit) keeps its own data
 * seed; every other seed gets a different one, and two different seeds never share one (the map
 * is a shift, so it is one-to-one), so no two runs of a file train on the same batches.
 */
const SEEDS = 2 ** 31;

export function dataSeedFor(seed: number, main: { init: number; data: number }): number {
  return (((main.data + seed - main.init) % SEEDS) + SEEDS) % SEEDS;
}
