import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { operatorApi, SignInRequired } from '../api.ts';
import type { HoldSummary } from '../api-types.ts';
import type { DashboardConfig } from '../config.ts';
import { signOut, signOutOfCognito, storedAuthorization } from '../session.ts';
import { DeliveryPanel } from './delivery-panel.tsx';
import { HoldList } from './hold-list.tsx';
import { SignIn } from './sign-in.tsx';

/** How often the list of holds is read again while the page is open. */
const REFRESH_MS = 30_000;

const selectedFromHash = (): string | null => /^#\/deliveries\/(dlv-[A-Za-z0-9-]+)$/.exec(location.hash)?.[1] ?? null;

/** The operator dashboard: holds by reason and age on the left, the chosen delivery on the right. */
export const App = ({ config }: { readonly config: DashboardConfig }) => {
  const [authorization, setAuthorization] = useState(storedAuthorization);
  const [holds, setHolds] = useState<{ holds: HoldSummary[]; complete: boolean } | null>(null);
  const [now, setNow] = useState(() => new Date());
  const [selected, setSelected] = useState(selectedFromHash);
  const [problem, setProblem] = useState<string | null>(null);
  const api = useMemo(() => (authorization === null ? null : operatorApi(config.apiBase, authorization)), [config.apiBase, authorization]);
  const onError = useCallback((error: unknown) => {
    if (error instanceof SignInRequired) {
      signOut();
      setAuthorization(null);
    }
    setProblem(error instanceof Error ? error.message : String(error));
  }, []);
  const refresh = useCallback(() => {
    if (api === null) return;
    api.holds().then(
      (loaded) => {
        setHolds(loaded);
        setNow(new Date());
        setProblem(null);
      },
      onError,
    );
  }, [api, onError]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => { clearInterval(timer); };
  }, [refresh]);
  useEffect(() => {
    const follow = (): void => { setSelected(selectedFromHash()); };
    addEventListener('hashchange', follow);
    return () => { removeEventListener('hashchange', follow); };
  }, []);
  return (
    <main>
      <header class="top">
        <h1>Deliveries on hold</h1>
        {api === null ? null : (
          <button type="button" class="sign-out" onClick={() => { if (config.auth.mode === 'cognito') signOutOfCognito(config.auth); else { signOut(); setAuthorization(null); } }}>
            Sign out
          </button>
        )}
      </header>
      {problem === null ? null : <p class="problem" role="alert">{problem}</p>}
      {api === null ? (
        <SignIn auth={config.auth} onSignedIn={() => { setAuthorization(storedAuthorization()); setProblem(null); }} />
      ) : (
        <div class="columns">
          <div class="list">
            {holds === null ? <p class="loading">Loading…</p> : <HoldList holds={holds.holds} now={now} selected={selected} onOpen={setSelected} />}
            {holds === null || holds.complete ? null : <p class="problem">Only the {holds.holds.length} longest holds are shown: more are on hold.</p>}
          </div>
          <div class="detail">
            {selected === null ? <p class="hint">Open a delivery to see its timeline and act on it.</p> : <DeliveryPanel api={api} deliveryId={selected} onChanged={refresh} onError={onError} />}
          </div>
        </div>
      )}
    </main>
  );
};
