/**
 * The two modules of pure-rand the bandit uses. The package declares its types only through
 * `exports` subpaths, which the repo's `moduleResolution: node` does not read.
 */
declare module 'pure-rand/generator/xoroshiro128plus' {
  import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
  export function xoroshiro128plus(seed: number): RandomGenerator;
}

declare module 'pure-rand/distribution/uniformFloat64' {
  import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
  /** A double in [0, 1), a multiple of 2^-53. */
  export function uniformFloat64(rng: RandomGenerator): number;
}

declare module 'pure-rand/types/RandomGenerator' {
  export interface RandomGenerator {
    next(): number;
  }
}
