/** The median and spread of repeated measurements of one figure. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** The value at quantile `q` (0–1) of `values`, by linear interpolation between the closest ranks. */
export const quantile = (values: readonly number[], q: number): number => {
  if (values.length === 0) throw new RangeError('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] ?? 0;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? lower;
  return lower + (upper - lower) * (position - below);
};

/** The median, minimum and maximum of `values`. */
export const spreadOf = (values: readonly number[]): Spread => ({
  median: quantile(values, 0.5),
  min: Math.min(...values),
  max: Math.max(...values),
  runs: values.length,
});

/** `median (min–max)` with `digits` decimals, for the report's tables. */
export const formatSpread = (spread: Spread, digits = 1, unit = ''): string =>
  `${spread.median.toFixed(digits)}${unit} (${spread.min.toFixed(digits)}–${spread.max.toFixed(digits)})`;
