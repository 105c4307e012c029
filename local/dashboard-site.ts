import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDashboard } from '../web/build-dashboard.ts';

/** Where the local API serves the operator dashboard. */
export const DASHBOARD_PATH = '/dashboard/';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
  'config.json': 'application/json',
};

/** A file of the dashboard, ready to send. */
export interface DashboardFile {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The operator dashboard, built for the local stack (operators sign in with the operator token). */
export interface LocalDashboard {
  /** The file `pathname` names under {@link DASHBOARD_PATH}, or null for none. */
  file(pathname: string): DashboardFile | null;
  /** Removes the built files. */
  remove(): void;
}

/** Builds the dashboard into a temporary folder, with the API on the same origin. */
export const buildLocalDashboard = (): LocalDashboard => {
  const directory = mkdtempSync(join(tmpdir(), 'delivery-dashboard-'));
  buildDashboard(directory, { apiBase: '', auth: { mode: 'token' } });
  return {
    file(pathname) {
      if (!pathname.startsWith(DASHBOARD_PATH)) return null;
      const name = pathname.slice(DASHBOARD_PATH.length) || 'index.html';
      const contentType = CONTENT_TYPES[name];
      return contentType === undefined ? null : { contentType, body: readFileSync(join(directory, name)) };
    },
    remove() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
};
