import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureBundles } from './bundles.ts';
import { thisMachine } from './machine.ts';
import { measureThroughput } from './throughput.ts';
import { measureLifecycles } from './transitions-and-cost.ts';
import type { BenchOptions, BenchSection } from './section.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const runsArg = args.find((arg) => arg.startsWith('--runs='));
const runs = runsArg === undefined ? 5 : Number(runsArg.slice('--runs='.length));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not ${runsArg ?? ''}`);

const options: BenchOptions = { runs, log: (line) => process.stderr.write(`${line}\n`) };
const machine = thisMachine();
const sections: BenchSection[] = [];
// One part at a time: each measures the machine alone.
sections.push(...(await measureLifecycles(options)));
sections.push(await measureBundles(options));
sections.push(await measureThroughput(options));

const report = (): string =>
  [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${machine.date.slice(0, 10)}: ${machine.cpu}, ${String(machine.cores)} cores, ${String(machine.memoryGiB)} GiB, Node.js ${machine.node} (${machine.platform}). Each figure is the median of ${String(runs)} runs, with the lowest and highest in brackets.`,
    '',
    ...sections.flatMap((section) => [`## ${section.title}`, '', section.markdown.trim(), '']),
  ].join('\n');

writeFileSync(join(import.meta.dirname, '..', 'docs', 'benchmarks.md'), report());
if (json) process.stdout.write(`${JSON.stringify({ machine, runs, sections: Object.fromEntries(sections.map((section) => [section.id, section.data])) }, null, 2)}\n`);
