/** How much of a value is kept for a JSON reply later. */
export interface KeptJsonLimits {
  /** The deepest nesting of objects and arrays kept. */
  readonly maxDepth: number;
  /** The largest JSON text kept, in UTF-8 bytes. */
  readonly maxBytes: number;
}

/** What is kept of a value that is not: why. */
export interface NotKept {
  readonly notKept: string;
}

/**
 * How deeply `value` nests objects and arrays, counted without recursion (a value nested 10,000 deep
 * would overflow the stack of a recursive walk, `JSON.stringify` included). Stops once past
 * `maxDepth`, and after `maxValues` values (then `Infinity`: too large to say).
 */
const nestingDepth = (value: unknown, maxDepth: number, maxValues: number): number => {
  let deepest = 0;
  let seen = 0;
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    seen += 1;
    if (seen > maxValues) return Infinity;
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    if (level > maxDepth) return level;
    deepest = Math.max(deepest, level);
    for (const child of Object.values(current)) pending.push([child, level]);
  }
  return deepest;
};

/**
 * A copy of `value` that can be served as JSON at any later time, or, when `value` is nested deeper,
 * is larger than `limits` allow or is no JSON at all, a placeholder that says why it is not kept.
 */
export const keptJson = (value: unknown, limits: KeptJsonLimits): unknown => {
  const depth = nestingDepth(value, limits.maxDepth, limits.maxBytes);
  if (depth === Infinity) return { notKept: `more than ${String(limits.maxBytes)} values, over the ${String(limits.maxBytes)} bytes kept` } satisfies NotKept;
  if (depth > limits.maxDepth) return { notKept: `nested more than ${String(limits.maxDepth)} levels deep` } satisfies NotKept;
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    return { notKept: `not JSON: ${error instanceof Error ? error.message : String(error)}` } satisfies NotKept;
  }
  // A function, a symbol or undefined itself has no JSON, whatever the types say.
  if (typeof (text as unknown) !== 'string') return null;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) return { notKept: `${String(bytes)} bytes of JSON, over the ${String(limits.maxBytes)} kept` } satisfies NotKept;
  return JSON.parse(text);
};
