import { useState } from 'preact/hooks';

/** Properties of {@link ActionForm}. */
export interface ActionFormProps {
  /** The actions the lifecycle table allows now. */
  readonly allowedActions: readonly string[];
  readonly onSubmit: (request: { action: string; reason: string; partnerId?: string }) => Promise<void>;
}

/** Offers the allowed actions; an action needs a stated reason, and REASSIGN may name the partner. */
export const ActionForm = ({ allowedActions, onSubmit }: ActionFormProps) => {
  const [action, setAction] = useState('');
  const [reason, setReason] = useState('');
  const [partnerId, setPartnerId] = useState('');
  const [busy, setBusy] = useState(false);
  if (allowedActions.length === 0) return <p class="no-actions">No operator action is allowed in this status.</p>;
  const chosen = allowedActions.includes(action) ? action : '';
  const ready = chosen !== '' && reason.trim() !== '' && !busy;
  const submit = (event: Event): void => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    const partner = chosen === 'REASSIGN' && partnerId.trim() !== '' ? { partnerId: partnerId.trim() } : {};
    void onSubmit({ action: chosen, reason: reason.trim(), ...partner }).finally(() => {
      setBusy(false);
      setReason('');
    });
  };
  return (
    <form class="actions" onSubmit={submit}>
      <fieldset>
        <legend>Action</legend>
        {allowedActions.map((name) => (
          <label key={name}>
            <input type="radio" name="action" value={name} checked={chosen === name} onChange={() => { setAction(name); }} /> {name}
          </label>
        ))}
      </fieldset>
      {chosen === 'REASSIGN' ? (
        <label>
          Partner (optional: the next candidate otherwise)
          <input name="partnerId" value={partnerId} onInput={(event) => { setPartnerId(event.currentTarget.value); }} />
        </label>
      ) : null}
      <label>
        Reason (required)
        <textarea name="reason" required maxLength={500} value={reason} onInput={(event) => { setReason(event.currentTarget.value); }} />
      </label>
      <button type="submit" disabled={!ready}>
        {busy ? 'Applying…' : chosen === '' ? 'Choose an action' : `Apply ${chosen}`}
      </button>
    </form>
  );
};
