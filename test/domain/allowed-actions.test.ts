import { describe, expect, it } from 'vitest';
import { allowedOperatorActions, type OperatorAction } from '#domain/index.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';
import { path } from '#test/support/paths.ts';
import { run } from '#test/support/specification.ts';

/** Custody statuses, from the contract's lifecycle table. */
const CUSTODY = ['HOLD', 'RETURN_TO_SENDER', 'DECLARE_LOST', 'CANCEL'];
const BEFORE_PICKUP = ['HOLD', 'REASSIGN', 'CANCEL'];

/**
 * The operator rows of the contract's table (§2), per status: HOLD for any active status; RESUME,
 * DECLARE_LOST and WRITE_OFF on any hold; REATTEMPT and RETURN_TO_SENDER on a hold with custody;
 * REASSIGN before pickup and on a hold without custody; RETURN_TO_SENDER and DECLARE_LOST in custody;
 * CONFIRM_RETURNED while RETURNING; CANCEL wherever a cancellation applies; nothing once terminal.
 */
const CONTRACT_ROWS: Readonly<Record<string, readonly string[]>> = {
  dispatching: BEFORE_PICKUP,
  awaitingPickup: BEFORE_PICKUP,
  inTransit: CUSTODY,
  outForDelivery: CUSTODY,
  attemptFailed: CUSTODY,
  availableForPickup: CUSTODY,
  returning: ['HOLD', 'CONFIRM_RETURNED', 'DECLARE_LOST', 'CANCEL'],
  cancelling: ['HOLD'],
  onHoldWithCustody: ['HOLD', 'RESUME', 'REATTEMPT', 'RETURN_TO_SENDER', 'DECLARE_LOST', 'WRITE_OFF', 'CANCEL'],
  onHoldWithoutCustody: ['HOLD', 'RESUME', 'REASSIGN', 'DECLARE_LOST', 'WRITE_OFF', 'CANCEL'],
  onHoldMaxAttempts: ['HOLD', 'RESUME', 'REATTEMPT', 'RETURN_TO_SENDER', 'DECLARE_LOST', 'WRITE_OFF', 'CANCEL'],
  delivered: [],
  cancelled: [],
  returned: [],
  lost: [],
  failed: [],
};

const stateAfter = (name: keyof typeof path) => {
  const state = run(path[name]());
  if (state === null) throw new Error(`${name} created no delivery`);
  return state;
};

describe('the operator actions a delivery allows', () => {
  it.each(Object.entries(CONTRACT_ROWS))('%s: the rows of the contract', (name, expected) => {
    expect(allowedOperatorActions(stateAfter(name as keyof typeof path), deterministicDeps(), ['manual', 'acme']).actions).toEqual(expected);
  });

  it('offer a REASSIGN to each partner of the deployment but the current one, before pickup and on a hold without custody', () => {
    expect(allowedOperatorActions(stateAfter('awaitingPickup'), deterministicDeps(), ['manual', 'acme', 'zoom']).reassignTo).toEqual(['acme', 'zoom']);
    expect(allowedOperatorActions(stateAfter('onHoldWithoutCustody'), deterministicDeps(), ['manual', 'acme']).reassignTo).toEqual(['acme']);
    expect(allowedOperatorActions(stateAfter('onHoldWithCustody'), deterministicDeps(), ['manual', 'acme']).reassignTo).toEqual([]);
  });

  it('allow a REASSIGN to a named partner when no other candidate is left', () => {
    const state = { ...stateAfter('awaitingPickup'), candidates: ['manual'] };
    expect(allowedOperatorActions(state, deterministicDeps(), ['manual']).actions).not.toContain('REASSIGN' satisfies OperatorAction);
    expect(allowedOperatorActions(state, deterministicDeps(), ['manual', 'acme'])).toMatchObject({ actions: expect.arrayContaining(['REASSIGN']) as string[], reassignTo: ['acme'] });
  });

  it('use up no id of the generator it is given', () => {
    const deps = deterministicDeps();
    const before = deps.newId('evt');
    allowedOperatorActions(stateAfter('onHoldMaxAttempts'), deps, ['manual', 'acme']);
    expect(deps.newId('evt')).toBe(`evt-${String(Number(before.slice(4)) + 1).padStart(4, '0')}`);
  });
});
