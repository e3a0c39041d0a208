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
  };
}
