import { describe, expect, it } from 'vitest';
import { aftership } from '#http/tracking-formats/aftership.ts';
import { easypost } from '#http/tracking-formats/easypost.ts';
import { shippo } from '#http/tracking-formats/shippo.ts';
import { utc } from '#http/tracking-formats/tracking-update.ts';
import { aftershipWebhook, easypostWebhook, shippoWebhook } from '#test/support/tracking-payloads.ts';

type Node = Record<string | number, unknown>;

/** A copy of `body` where `key` of the object at `at` is `value`, or is left out when `value` is undefined. */
const withValue = (body: Node, at: readonly (string | number)[], key: string, value: unknown): Node => {
  const copy = structuredClone(body);
  const parent = at.reduce<Node>((node, step) => node[step] as Node, copy);
  if (value === undefined) Reflect.deleteProperty(parent, key);
  else parent[key] = value;
  return copy;
};

describe('provider times', () => {
  it('reads a time without an offset as UTC, and converts one with an offset', () => {
    expect(utc('2026-11-25T10:00:00')).toBe('2026-11-25T10:00:00.000Z');
    expect(utc('2026-11-25T10:00:00+02:00')).toBe('2026-11-25T08:00:00.000Z');
    expect(utc('2026-11-25T10:00:00z')).toBe('2026-11-25T10:00:00.000Z');
  });
});

describe('AfterShip checkpoints', () => {
  it('maps a checkpoint without a subtag by its tag, and keeps null for what it does not say', () => {
    const { body } = aftershipWebhook('TRK-A', [{ at: '2026-11-25T10:00:00Z', code: 'InTransit' }]);
    const checkpoint = ['msg', 'checkpoints', 0];
    const update = aftership.parse(withValue(withValue(body, checkpoint, 'subtag', null), checkpoint, 'message', undefined));
    expect(update.scans).toEqual([expect.objectContaining({ status: 'IN_TRANSIT', details: { tag: 'InTransit', subtag: null, message: null } })]);
  });

  it('quarantines a tag it does not know, without a subtag, under the tag', () => {
    const { body } = aftershipWebhook('TRK-A', [{ at: '2026-11-25T10:00:00Z', code: 'Teleported' }]);
    const update = aftership.parse(withValue(body, ['msg', 'checkpoints', 0], 'subtag', null));
    expect(update.scans.map((scan) => scan.status)).toEqual(['aftership:Teleported']);
  });
});

describe('EasyPost trackers', () => {
  it('reads a tracker without details as one scan of its current status, the same scan whenever it is sent again', () => {
    const { body } = easypostWebhook('TRK-E', [{ at: '2026-11-25T10:00:00Z', code: 'in_transit' }]);
    const payload = (updatedAt: string) => withValue(withValue(body, ['result'], 'tracking_details', []), ['result'], 'updated_at', updatedAt);
    const first = easypost.parse(payload('2026-11-25T10:00:00Z'));
    const again = easypost.parse(payload('2026-11-25T11:30:00Z'));
    expect(first.scans).toEqual([expect.objectContaining({ status: 'IN_TRANSIT', occurredAt: '2026-11-25T10:00:00.000Z', details: { status: 'in_transit', status_detail: null, message: null } })]);
    expect(again.scans[0]?.eventId).toBe(first.scans[0]?.eventId);
  });

  it('keeps null for a detail that has no status_detail or message', () => {
    const { body } = easypostWebhook('TRK-E', [{ at: '2026-11-25T10:00:00Z', code: 'delivered' }]);
    const detail = ['result', 'tracking_details', 0];
    const update = easypost.parse(withValue(withValue(body, detail, 'status_detail', undefined), detail, 'message', null));
    expect(update.scans[0]?.details).toEqual({ status: 'delivered', status_detail: null, message: null });
  });
});

describe('Shippo statuses', () => {
  it('takes action_required from the substatus of an exception, and the mapping default without one', () => {
    const { body } = shippoWebhook('TRK-S', [
      { at: '2026-11-25T10:00:00Z', code: 'FAILURE', detail: 'address_issue' },
      { at: '2026-11-25T11:00:00Z', code: 'FAILURE' },
    ]);
    const update = shippo.parse(body);
    expect(update.scans.map((scan) => [scan.status, scan.reason, scan.actionRequired])).toEqual([
      ['EXCEPTION', 'ADDRESS_ISSUE', false],
      ['EXCEPTION', 'EXCEPTION', true],
    ]);
  });

  it('keeps null for a status without details', () => {
    const { body } = shippoWebhook('TRK-S', [{ at: '2026-11-25T10:00:00Z', code: 'TRANSIT' }]);
    const update = shippo.parse(withValue(withValue(body, ['data', 'tracking_status'], 'status_details', null), ['data'], 'tracking_history', []));
    expect(update.scans).toEqual([expect.objectContaining({ status: 'IN_TRANSIT', details: { status: 'TRANSIT', substatus: null, message: null } })]);
  });
});
