import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { FUNCTION_BUNDLING, FUNCTION_ENVIRONMENT, type HandlerName } from '../cdk/constructs/service-function.ts';
import type { BenchOptions, BenchSection } from './section.ts';
import { formatSpread, quantile, spreadOf, type Spread } from './stats.ts';

const run = promisify(execFile);
const repositoryRoot = join(import.meta.dirname, '..');
/** The project's own Node.js (22), as `npm run …` uses it. */
const nodeBinary = join(repositoryRoot, 'node_modules', '.bin', 'node');
const KiB = 1024;
const TARGET_MINIFIED_KIB = 300;
const TARGET_INIT_RATIO = 1.3;

/** The reference: a handler that creates a DynamoDB client at module scope and sends one command. */
const MINIMAL_SOURCE = [
  "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
  'const client = new DynamoDBClient({});',
  'export const handler = async (event: { id: string }) =>',
  "  client.send(new GetItemCommand({ TableName: process.env['DELIVERY_TABLE_NAME'], Key: { pk: { S: event.id } } }));",
].join('\n');
const MINIMAL = 'minimal reference';
const STOCK = 'minimal reference, SDK as published';

/** Values for what CloudFormation fills in at deploy time (as in `test/cdk/bundles.test.ts`). */
const TABLE = 'bookstore-deliveries';
const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:delivery-lifecycle';
const PARTNERS = { PARTNERS: 'manual', PARTNER_ENDPOINTS: '{}', PARTNER_ROUTES: '[]', PARTNER_SECRET_PREFIX: 'bookstore-delivery/partners/' };

/** What the CDK constructs give each function besides {@link FUNCTION_ENVIRONMENT}, with the default stack's settings. */
const HANDLER_ENVIRONMENT: Readonly<Record<HandlerName, Readonly<Record<string, string>>>> = {
  api: { DELIVERY_TABLE_NAME: TABLE, STATE_MACHINE_ARN, PARTNERS: PARTNERS.PARTNERS },
  webhook: { DELIVERY_TABLE_NAME: TABLE, PARTNERS: PARTNERS.PARTNERS, TRACKING_AGGREGATORS: '', PARTNER_SECRETS: 'secrets-manager', PARTNER_SECRET_PREFIX: PARTNERS.PARTNER_SECRET_PREFIX },
  'order-events': { DELIVERY_TABLE_NAME: TABLE, REJECTED_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/rejected-order-events' },
  relay: { EVENT_BUS_NAME: 'bookstore-delivery', STATE_MACHINE_ARN },
  'workflow-notifier': { STATE_MACHINE_ARN },
  workflow: { DELIVERY_TABLE_NAME: TABLE, ...PARTNERS },
  reconciler: { DELIVERY_TABLE_NAME: TABLE, ...PARTNERS, RECONCILE_QUIET_SECONDS: '21600' },
};

/** What Lambda's runtime sets for every function: its region and its role's credentials. */
const LAMBDA_RUNTIME_ENVIRONMENT = { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SESSION_TOKEN: 'test' };

/** One package's share of a bundle. */
export interface PackageShare {
  /** The npm package, `(service code)` for `functions/`, or `(entry)` for the reference's own source. */
  readonly name: string;
  /** Its bytes in the minified output. */
  readonly bytes: number;
}

/** The measured figures of one bundle. */
export interface BundleFigures {
  readonly name: string;
  readonly minifiedBytes: number;
  /** Raw deflate (zlib level 9) of `index.mjs`: what it weighs as an entry of the deployment zip. */
  readonly zippedBytes: number;
  /** Time to `import()` the bundle in a fresh Node process, one process per run. */
  readonly initMs: Spread;
  /** Median over the rounds of its init time over the minimal reference's in the same round. */
  readonly initRatio: number;
  /** The same against the reference built without the SDK module replacements. */
  readonly initRatioToPublishedSdk: number;
  /** Every package in the bundle, largest first. */
  readonly packages: readonly PackageShare[];
}

/** What `measureBundles` reports under `--json`. */
export interface BundlesData {
  readonly node: string;
  readonly zip: string;
  readonly targets: { readonly minifiedKiB: number; readonly initRatio: number };
  /** The modules `FUNCTION_BUNDLING` replaces (esbuild aliases). */
  readonly aliased: readonly string[];
  readonly functions: readonly BundleFigures[];
  /** The reference, built with the functions' options. */
  readonly minimal: BundleFigures;
  /** The reference built with the functions' options but none of their esbuild aliases: the SDK as published. */
  readonly minimalPublishedSdk: BundleFigures;
}

/** The handlers: the files of `functions/handlers/`, each of which must be a {@link HandlerName}. */
export const handlerNames = (): HandlerName[] =>
  readdirSync(join(repositoryRoot, 'functions', 'handlers'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => {
      const name = file.slice(0, -'.ts'.length);
      if (!(name in HANDLER_ENVIRONMENT)) throw new Error(`functions/handlers/${file}: not a HandlerName of cdk/constructs/service-function.ts`);
      return name as HandlerName;
    });

/** `--alias` values (`from=to`, one or a list), as CDK passes them to esbuild, as esbuild's `alias` option. */
const aliasesOf = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    (Array.isArray(value) ? value : [value]).map((item) => {
      const [from, to, ...rest] = String(item).split('=');
      if (from === undefined || to === undefined || rest.length > 0) throw new Error(`bench: cannot read --alias ${String(item)}`);
      return [from, to];
    }),
  );

/** The `esbuildArgs` this bench knows how to pass to esbuild's API. */
const esbuildArgOptions: Readonly<Record<string, (value: unknown) => BuildOptions>> = {
  '--alias': (value) => ({ alias: aliasesOf(value) }),
};

/** The options of CDK's `BundlingOptions` that {@link esbuildOptionsOf} translates. */
const TRANSLATED: ReadonlySet<string> = new Set(['bundleAwsSDK', 'minify', 'sourceMap', 'sourcesContent', 'format', 'target', 'mainFields', 'banner', 'esbuildArgs']);

/**
 * The esbuild options CDK's `NodejsFunction` derives from `bundling` (`aws-lambda-nodejs/lib/bundling.js`),
 * writing `outdir/index.mjs` with a metafile. Throws on an option it does not translate, so that the bench
 * never silently builds something other than what CDK deploys.
 */
export const esbuildOptionsOf = (bundling: Readonly<BundlingOptions>, outdir: string): BuildOptions => {
  const unknown = Object.keys(bundling).filter((key) => !TRANSLATED.has(key));
  if (unknown.length > 0) throw new Error(`bench: teach esbuildOptionsOf the bundling option(s) ${unknown.join(', ')}`);
  if (bundling.bundleAwsSDK !== true) throw new Error('bench: the functions bundle the AWS SDK; the bench assumes so');
  if (bundling.format !== OutputFormat.ESM) throw new Error('bench: the functions are ES modules; the bench assumes so');
  const base: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: join(outdir, 'index.mjs'),
    absWorkingDir: repositoryRoot,
    metafile: true,
    logLevel: 'warning',
    minify: bundling.minify === true,
    sourcemap: bundling.sourceMap === true,
    sourcesContent: bundling.sourcesContent !== false,
    ...(bundling.target === undefined ? {} : { target: bundling.target }),
    ...(bundling.mainFields === undefined ? {} : { mainFields: bundling.mainFields }),
    ...(bundling.banner === undefined ? {} : { banner: { js: bundling.banner } }),
  };
  return Object.entries(bundling.esbuildArgs ?? {}).reduce<BuildOptions>((options, [arg, value]) => {
    const translate = esbuildArgOptions[arg];
    if (translate === undefined) throw new Error(`bench: teach esbuildOptionsOf the esbuild argument ${arg}`);
    return { ...options, ...translate(value) };
  }, base);
};

/** The npm package an esbuild input belongs to (the innermost `node_modules/` wins). */
const packageOf = (input: string): string => {
  const marker = 'node_modules/';
  const at = input.lastIndexOf(marker);
  if (at === -1) return input.startsWith('functions/') ? '(service code)' : '(entry)';
  const [scopeOrName = input, name = ''] = input.slice(at + marker.length).split('/');
  return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
};

/** The output bytes of `metafile`'s entry point, summed by package, largest first. */
export const packageShares = (metafile: Metafile): PackageShare[] => {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
  if (output === undefined) throw new Error('bench: the metafile has no entry point output');
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input);
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  return [...bytes].map(([name, total]) => ({ name, bytes: total })).sort((a, b) => b.bytes - a.bytes);
};

/** A bundle on disk, with what was measured while building it. */
interface BuiltBundle {
  readonly name: string;
  readonly file: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly minifiedBytes: number;
  readonly zippedBytes: number;
  readonly packages: readonly PackageShare[];
}

/** Builds one bundle with the functions' options, `overrides` (the entry point) on top, into `outdir`. */
const bundle = async (name: string, outdir: string, environment: Readonly<Record<string, string>>, overrides: BuildOptions): Promise<BuiltBundle> => {
  const { metafile } = await build({ ...esbuildOptionsOf(FUNCTION_BUNDLING, outdir), ...overrides });
  if (metafile === undefined) throw new Error(`${name}: esbuild wrote no metafile`);
  const file = join(outdir, 'index.mjs');
  const code = readFileSync(file);
  return { name, file, environment, minifiedBytes: code.byteLength, zippedBytes: deflateRawSync(code, { level: 9 }).byteLength, packages: packageShares(metafile) };
};

/** The child's script: import the bundle, check that it exports a handler, print how long the import took. */
const importScript = (file: string): string =>
  [
    'const start = performance.now();',
    `const loaded = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const elapsed = performance.now() - start;',
    "if (typeof loaded.handler !== 'function') throw new Error('no handler exported');",
    'process.stdout.write(String(elapsed));',
  ].join('\n');

/** Milliseconds to `import()` `built` in a fresh Node process with the environment Lambda would give it. */
const initOnce = async (built: BuiltBundle): Promise<number> => {
  const { stdout } = await run(nodeBinary, ['--input-type=module', '-e', importScript(built.file)], {
    env: { PATH: process.env['PATH'] ?? '', ...LAMBDA_RUNTIME_ENVIRONMENT, ...FUNCTION_ENVIRONMENT, ...built.environment },
  });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`${built.name}: the child printed ${stdout}`);
  return ms;
};

/**
 * Init times of every bundle over `runs` rounds, by name: one fresh process per bundle and round, the
 * bundles taking turns so that a change in the machine's load weighs on all of them alike, after one
 * discarded warm-up each (the file cache and the Node binary).
 */
const initTimes = async (bundles: readonly BuiltBundle[], options: BenchOptions): Promise<ReadonlyMap<string, readonly number[]>> => {
  const samples = new Map<string, number[]>(bundles.map((each) => [each.name, []]));
  for (const each of bundles) await initOnce(each);
  for (let round = 1; round <= options.runs; round += 1) {
    options.log(`bundles: cold starts, round ${String(round)} of ${String(options.runs)}`);
    for (const each of bundles) samples.get(each.name)?.push(await initOnce(each));
  }
  return samples;
};

/** The median over the rounds of `times[i] / reference[i]`. */
const pairedRatio = (times: readonly number[], reference: readonly number[]): number =>
  quantile(
    times.map((time, round) => time / (reference[round] ?? Number.NaN)),
    0.5,
  );

const kib = (bytes: number): string => (bytes / KiB).toFixed(1);

const tableRow = (figures: BundleFigures): string =>
  `| ${figures.name} | ${kib(figures.minifiedBytes)} | ${kib(figures.zippedBytes)} | ${formatSpread(figures.initMs)} | ${figures.initRatio.toFixed(2)}× | ${figures.packages
    .slice(0, 3)
    .map((share) => `${share.name} ${kib(share.bytes)}`)
    .join(', ')} |`;

const rangeOf = (values: readonly number[]): string => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}×`;

const markdownOf = (data: BundlesData, runs: number): string => {
  const over = data.functions.filter((figures) => figures.minifiedBytes > TARGET_MINIFIED_KIB * KiB).map((figures) => figures.name);
  const slow = data.functions.filter((figures) => figures.initRatio > TARGET_INIT_RATIO).map((figures) => figures.name);
  const verdict = (failing: readonly string[]): string => (failing.length === 0 ? 'met' : `not met by ${failing.join(', ')}`);
  return [
    `Every function is built by esbuild with \`FUNCTION_BUNDLING\` (\`cdk/constructs/service-function.ts\`), the options CDK deploys with: the AWS SDK bundled, minified ESM, and these modules replaced by esbuild aliases (see there why): ${data.aliased.map((name) => `\`${name}\``).join(', ')}. The *minimal reference* is a handler that creates a \`DynamoDBClient\` at module scope and sends one \`GetItemCommand\`, built with the same options in the same run; the second reference is the same handler without the aliases, the SDK as published.`,
    '',
    `Sizes are of \`index.mjs\` (its source map, deployed beside it, is not counted); *zipped* is its raw deflate at zlib level 9, which is how a zip stores it (headers not counted). *Init* is the time to \`import()\` the bundle in a fresh Node.js ${data.node} process with the function's environment (\`NODE_OPTIONS=--enable-source-maps\` included, as deployed), measured inside the child with \`performance.now()\`: ${String(runs)} rounds in which the bundles take turns, one process each, after one discarded warm-up. *× minimal* is the median over the rounds of its time over the minimal reference's in the same round. The largest packages are from esbuild's metafile (bytes in the output).`,
    '',
    '| function | minified KiB | zipped KiB | init ms | × minimal | largest packages (KiB) |',
    '|---|---:|---:|---:|---:|---|',
    ...[...data.functions, data.minimal, data.minimalPublishedSdk].map(tableRow),
    '',
    `Against the reference with the SDK as published, the functions' init is ${rangeOf(data.functions.map((figures) => figures.initRatioToPublishedSdk))}.`,
    '',
    `Targets: every bundle ≤ ${String(TARGET_MINIFIED_KIB)} KiB minified: ${verdict(over)}; init ≤ ${TARGET_INIT_RATIO.toFixed(1)}× the minimal bundle: ${verdict(slow)}.`,
  ].join('\n');
};

/**
 * Part 3 of the benchmark: the minified and zipped size of every function's bundle, what it is made of,
 * and its cold-start module initialisation against a minimal DynamoDB-client bundle built and measured in
 * the same run.
 */
export const measureBundles = async (options: BenchOptions): Promise<BenchSection> => {
  const workspace = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  try {
    const functions: BuiltBundle[] = [];
    for (const name of handlerNames()) {
      options.log(`bundles: building ${name}`);
      functions.push(await bundle(name, join(workspace, name), HANDLER_ENVIRONMENT[name], { entryPoints: [join(repositoryRoot, 'functions', 'handlers', `${name}.ts`)] }));
    }
    const reference: BuildOptions = { stdin: { contents: MINIMAL_SOURCE, resolveDir: repositoryRoot, sourcefile: 'minimal.ts', loader: 'ts' } };
    const minimal = await bundle(MINIMAL, join(workspace, 'minimal'), { DELIVERY_TABLE_NAME: TABLE }, reference);
    const stock = await bundle(STOCK, join(workspace, 'stock'), { DELIVERY_TABLE_NAME: TABLE }, { ...reference, alias: {} });
    const samples = await initTimes([...functions, minimal, stock], options);
    const timesOf = (built: BuiltBundle): readonly number[] => samples.get(built.name) ?? [];
    const figuresOf = (built: BuiltBundle): BundleFigures => ({
      name: built.name,
      minifiedBytes: built.minifiedBytes,
      zippedBytes: built.zippedBytes,
      initMs: spreadOf(timesOf(built)),
      initRatio: pairedRatio(timesOf(built), timesOf(minimal)),
      initRatioToPublishedSdk: pairedRatio(timesOf(built), timesOf(stock)),
      packages: built.packages,
    });
    const data: BundlesData = {
      node: (await run(nodeBinary, ['--version'])).stdout.trim(),
      zip: 'raw deflate, zlib level 9, of index.mjs',
      targets: { minifiedKiB: TARGET_MINIFIED_KIB, initRatio: TARGET_INIT_RATIO },
      aliased: Object.keys(esbuildOptionsOf(FUNCTION_BUNDLING, workspace).alias ?? {}),
      functions: functions.map(figuresOf),
      minimal: figuresOf(minimal),
      minimalPublishedSdk: figuresOf(stock),
    };
    return { id: 'bundles', title: 'Function bundles and cold start', data, markdown: markdownOf(data, options.runs) };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
};
