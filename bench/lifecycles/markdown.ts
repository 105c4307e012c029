/** A Markdown table of `header` and `rows`. */
export const markdownTable = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

/** `share` of a whole as a whole percentage, e.g. `71%`. */
export const percent = (share: number): string => `${(share * 100).toFixed(0)}%`;
