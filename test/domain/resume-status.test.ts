import { describe, expect, it } from 'vitest';
import { statusAfterResume, type Delivery } from '#domain/index.ts';
import { path } from '#test/support/paths.ts';
import { run } from '#test/support/specification.ts';

const onHoldInTransit = (): Delivery => {
  const delivery = run(path.onHoldWithCustody());
  if (!delivery) throw new Error('no delivery');
  return delivery;
};

describe('the status RESUME returns a hold to', () => {
  it('is the one the latest partner milestone implies', () => {
    expect(statusAfterResume(onHoldInTransit())).toBe('IN_TRANSIT');
  });

  it('without a milestone, is the custody status the hold was entered from', () => {
    expect(statusAfterResume({ ...onHoldInTransit(), milestone: null, heldFrom: 'OUT_FOR_DELIVERY' })).toBe('OUT_FOR_DELIVERY');
    expect(statusAfterResume({ ...onHoldInTransit(), milestone: null, heldFrom: 'PENDING' })).toBe('PENDING');
    expect(statusAfterResume({ ...onHoldInTransit(), milestone: null, heldFrom: 'AWAITING_PICKUP' }), 'not custody: book again').toBe('DISPATCHING');
  });
});
