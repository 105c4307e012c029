import { describe, it } from 'vitest';
import { booking, create, dispatch, partner } from '#test/support/commands.ts';
import { path } from '#test/support/paths.ts';
import { given } from '#test/support/specification.ts';

describe('— | create | PENDING', () => {
  it('creates a PENDING delivery with DeliveryCreated', () => {
    given([]).when(create()).then({ status: 'PENDING', events: ['DeliveryCreated'] });
  });
});

describe('PENDING | workflow dispatch | DISPATCHING', () => {
  it('starts dispatching to the first candidate with DeliveryDispatchRequested', () => {
    given(path.pending()).when(dispatch('manual', 'sandbox')).then({ status: 'DISPATCHING', events: ['DeliveryDispatchRequested'] });
  });
});

describe('DISPATCHING | partner ACCEPTED | AWAITING_PICKUP', () => {
  it('by booking reply', () => {
    given(path.dispatching()).when(booking('manual', 'job-1')).then({ status: 'AWAITING_PICKUP', events: ['DeliveryPartnerAssigned'] });
  });
  it('by webhook for the job the booking opened', () => {
    given(path.dispatchingWithJob())
      .when(partner('ACCEPTED'))
      .then({ status: 'AWAITING_PICKUP', events: ['DeliveryPartnerAssigned'], outcome: 'applied' });
  });
});
