import { render } from 'preact';
import { App } from './components/app.tsx';
import { loadConfig } from './config.ts';
import { completeCognitoSignIn } from './session.ts';

const root = document.getElementById('app');
if (root === null) throw new Error('the page has no #app element');

const start = async (): Promise<void> => {
  const config = await loadConfig();
  if (config.auth.mode === 'cognito') await completeCognitoSignIn(config.auth);
  render(<App config={config} />, root);
};

start().catch((error: unknown) => {
  root.textContent = `The dashboard could not start: ${error instanceof Error ? error.message : String(error)}`;
});
