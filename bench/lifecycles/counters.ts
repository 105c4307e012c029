/** Named running totals; a delivery's share is the difference of two snapshots taken around it. */
export class Counters {
  readonly #values = new Map<string, number>();
  #lastChangeAt = 0;

  /** Adds `amount` to `name`. */
  add(name: string, amount = 1): void {
    this.#values.set(name, (this.#values.get(name) ?? 0) + amount);
    this.#lastChangeAt = performance.now();
  }

  /** When any total last changed (`performance.now()`), 0 if never. */
  get lastChangeAt(): number {
    return this.#lastChangeAt;
  }

  /** Every total now. */
  snapshot(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.#values);
  }
}

/** How much each total grew from `before` to `after`. */
export const growth = (before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(after).map(([name, value]) => [name, value - (before[name] ?? 0)]));
