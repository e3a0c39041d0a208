/** The days the analytics views cover, as the query string holds them (YYYY-MM-DD, inclusive). */
export interface Range {
  from?: string;
  to?: string;
}
