import { useState } from 'preact/hooks';
import type { ActionRequest } from '../api.ts';

/** Properties of {@link ActionForm}. */
export interface ActionFormProps {
  /** The actions the lifecycle table allows now. */
  readonly allowedActions: readonly string[];
  /** The partners a REASSIGN may name. */
  readonly reassignTo: readonly string[];
  /** Applies the decision under the key; resolves to whether it was applied (a refusal keeps the form as it is). */
  readonly onSubmit: (request: ActionRequest, idempotencyKey: string) => Promise<boolean>;
}

/**
 * Offers the allowed actions; an action needs a stated reason, and REASSIGN may name the partner. One
 * decision keeps one idempotency key, so sending it again after a lost answer cannot apply it twice.
 */
export const ActionForm = ({ allowedActions, reassignTo, onSubmit }: ActionFormProps) => {
  const [action, setAction] = useState('');
  const [reason, setReason] = useState('');
  const [partnerId, setPartnerId] = useState('');
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  if (allowedActions.length === 0) return <p class="no-actions">No operator action is allowed in this status.</p>;
  const chosen = allowedActions.includes(action) ? action : '';
  const ready = chosen !== '' && reason.trim() !== '' && !busy;
  const newDecision = (): void => { setIdempotencyKey(crypto.randomUUID()); };
  const submit = (event: Event): void => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    const partner = chosen === 'REASSIGN' && partnerId !== '' ? { partnerId } : {};
    void onSubmit({ action: chosen, reason: reason.trim(), ...partner }, idempotencyKey).then((applied) => {
      setBusy(false);
      if (applied) setReason('');
      newDecision();
    });
  };
  return (
    <form class="actions" onSubmit={submit}>
      <fieldset>
        <legend>Action</legend>
        {allowedActions.map((name) => (
          <label key={name}>
            <input type="radio" name="action" value={name} checked={chosen === name} onChange={() => { setAction(name); newDecision(); }} /> {name}
          </label>
        ))}
      </fieldset>
      {chosen === 'REASSIGN' ? (
        <label>
          Partner
          <select name="partnerId" value={partnerId} onChange={(event) => { setPartnerId(event.currentTarget.value); newDecision(); }}>
            <option value="">the next candidate</option>
            {reassignTo.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Reason (required)
        <textarea name="reason" required maxLength={500} value={reason} onInput={(event) => { setReason(event.currentTarget.value); newDecision(); }} />
      </label>
      <button type="submit" disabled={!ready}>
        {busy ? 'Applying…' : chosen === '' ? 'Choose an action' : `Apply ${chosen}`}
      </button>
    </form>
  );
};
