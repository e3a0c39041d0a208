/** The few distributions of jStat (no types of its own) that the KPIs use. */
declare module 'jstat' {
  export const jStat: {
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
    chisquare: {
      cdf(x: number, degreesOfFreedom: number): number;
    };
    /** The bandit's draws: jStat samples with the generator given to setRandom. */
    beta: {
      sample(alpha: number, beta: number): number;
    };
    setRandom(random: () => number): void;
    /** The generator set now (Math.random unless set), restored after the bandit's draws. */
    _random_fn: () => number;
  };
}
