/** One part of the benchmark report. */
export interface BenchSection {
  /** A stable key for `--json`, e.g. `transitions`. */
  readonly id: string;
  /** The heading of the section in `docs/benchmarks.md`. */
  readonly title: string;
  /** The measured figures, as `npm run bench -- --json` prints them. */
  readonly data: unknown;
  /** The section's body in `docs/benchmarks.md` (Markdown, no heading). */
  readonly markdown: string;
}

/** What every part is given. */
export interface BenchOptions {
  /** How many times each figure is measured; the report gives the median and the spread. */
  readonly runs: number;
  /** Where progress goes (stderr), so that `--json` keeps stdout clean. */
  readonly log: (line: string) => void;
}
