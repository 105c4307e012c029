import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const WEB_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * The content security policy the dashboard is served with: scripts, styles and API calls from its own
 * origin only, plus `connectSources` (the hosted sign-in's token endpoint), and no framing.
 */
export const dashboardContentSecurityPolicy = (connectSources: readonly string[] = []): string =>
  `default-src 'self'; img-src 'self' data:; connect-src ${["'self'", ...connectSources].join(' ')}; frame-ancestors 'none'`;

/** The dashboard's settings file, as `web/src/config.ts` reads it. */
export interface DashboardSettings {
  readonly apiBase: string;
  readonly auth: { readonly mode: 'token' } | { readonly mode: 'cognito'; readonly domain: string; readonly clientId: string; readonly redirectUri: string };
}

/**
 * Builds the operator dashboard into `outDir`: `index.html`, `styles.css` and one minified `app.js`
 * (Preact included). With `settings`, also writes `config.json`; CDK writes its own at deploy time.
 * Synchronous, because CDK constructs are.
 */
export const buildDashboard = (outDir: string, settings?: DashboardSettings): void => {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [join(WEB_DIR, 'src', 'main.tsx')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css']) copyFileSync(join(WEB_DIR, file), join(outDir, file));
  if (settings !== undefined) writeFileSync(join(outDir, 'config.json'), JSON.stringify(settings));
};
