import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '#adapters/partners/circuit-breaker.ts';
import { GuardedPartner } from '#adapters/partners/guarded-partner.ts';
import { CircuitOpenError, PartnerProtocolError, PartnerUnavailableError } from '#adapters/partners/partner-errors.ts';
import type { PartnerClient } from '#adapters/partners/partner-gateway.ts';
import { DynamoDbCircuitStore } from '#adapters/delivery-store/circuit-store.ts';
import type { Delivery } from '#domain/index.ts';
import { freshRepository } from '#test/support/dynamodb.ts';

/** Two breakers over one table, as two Lambda instances would have, on a clock the test moves. */
const breakers = async () => {
  const { client, tableName } = await freshRepository();
  const clock = { now: Date.parse('2026-11-25T10:00:00Z') };
  const settings = { failureThreshold: 3, openSeconds: 30 };
  const store = new DynamoDbCircuitStore({ client, tableName });
  const make = () => new CircuitBreaker(new DynamoDbCircuitStore({ client, tableName }), settings, () => new Date(clock.now));
  return { first: make(), second: make(), clock, store };
};

const failing = (): Promise<never> => Promise.reject(new PartnerUnavailableError('acme', 'HTTP 503'));
const isFailure = (error: unknown): boolean => error instanceof PartnerUnavailableError;

describe('the partner circuit breaker, kept in DynamoDB', () => {
  it('opens after the threshold of failures in a row, seen by every instance, and then makes no call', async () => {
    const { first, second } = await breakers();
    for (let i = 0; i < 3; i += 1) await expect(first.run('acme', failing, isFailure)).rejects.toBeInstanceOf(PartnerUnavailableError);
    let called = false;
    const call = () => {
      called = true;
      return Promise.resolve('ok');
    };
    await expect(second.run('acme', call, isFailure)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
    expect(await second.run('bolt', call, isFailure), 'circuits are per partner').toBe('ok');
  });

  it('counts failures in a row only: a success closes the count', async () => {
    const { first } = await breakers();
    for (let i = 0; i < 2; i += 1) await expect(first.run('acme', failing, isFailure)).rejects.toThrow();
    expect(await first.run('acme', () => Promise.resolve('ok'), isFailure)).toBe('ok');
    for (let i = 0; i < 2; i += 1) await expect(first.run('acme', failing, isFailure)).rejects.toThrow();
    expect(await first.run('acme', () => Promise.resolve('still closed'), isFailure)).toBe('still closed');
  });

  it('does not count errors that are not partner failures', async () => {
    const { first } = await breakers();
    for (let i = 0; i < 5; i += 1) await expect(first.run('acme', () => Promise.reject(new Error('our bug')), isFailure)).rejects.toThrow('our bug');
    expect(await first.run('acme', () => Promise.resolve('ok'), isFailure)).toBe('ok');
  });

  it('after the open time lets one trial through at a time: success closes it, failure opens it again', async () => {
    const { first, second, clock } = await breakers();
    for (let i = 0; i < 3; i += 1) await expect(first.run('acme', failing, isFailure)).rejects.toThrow();
    clock.now += 31_000;

    let release: (value: string) => void = () => undefined;
    const trial = first.run('acme', () => new Promise<string>((resolve) => (release = resolve)), isFailure);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(second.run('acme', () => Promise.resolve('second'), isFailure), 'one trial at a time').rejects.toBeInstanceOf(CircuitOpenError);
    release('trial');
    expect(await trial).toBe('trial');
    expect(await second.run('acme', () => Promise.resolve('closed'), isFailure)).toBe('closed');

    for (let i = 0; i < 3; i += 1) await expect(first.run('acme', failing, isFailure)).rejects.toThrow();
    clock.now += 31_000;
    await expect(first.run('acme', failing, isFailure), 'the trial fails').rejects.toBeInstanceOf(PartnerUnavailableError);
    await expect(second.run('acme', () => Promise.resolve('x'), isFailure), 'open again').rejects.toBeInstanceOf(CircuitOpenError);
  });
});

describe('the circuit store', () => {
  it('never shortens an open time: a failure that comes in late keeps the later one', async () => {
    const { store } = await breakers();
    expect(await store.recordFailure('acme', 1, 2_000)).toEqual({ failures: 1, openUntil: 2_000 });
    expect(await store.recordFailure('acme', 1, 1_000)).toEqual({ failures: 2, openUntil: 2_000 });
    expect(await store.recordFailure('acme', 1, 3_000)).toEqual({ failures: 3, openUntil: 3_000 });
  });
});

describe('a guarded partner', () => {
  /** A partner whose every call breaks its API contract, counting the calls that reach it. */
  const brokenPartner = () => {
    const calls: string[] = [];
    const broken = (call: string) => (): Promise<never> => {
      calls.push(call);
      return Promise.reject(new PartnerProtocolError('acme', `garbage from ${call}`));
    };
    const client: PartnerClient = { book: broken('book'), cancel: broken('cancel'), requestReattempt: broken('requestReattempt'), track: broken('track') };
    return { calls, client };
  };

  it('counts a broken answer to a cancellation or a reattempt against the circuit, but to tracking only when unreachable', async () => {
    const { first } = await breakers();
    const { calls, client } = brokenPartner();
    const partner = new GuardedPartner(client, first);
    for (let i = 0; i < 3; i += 1) await expect(partner.track('acme', 'job-1')).rejects.toBeInstanceOf(PartnerProtocolError);
    await expect(partner.cancel('acme', 'job-1'), 'tracking left the circuit closed').rejects.toBeInstanceOf(PartnerProtocolError);
    await expect(partner.requestReattempt('acme', 'job-1', 'req-1')).rejects.toBeInstanceOf(PartnerProtocolError);
    await expect(partner.cancel('acme', 'job-1')).rejects.toBeInstanceOf(PartnerProtocolError);
    await expect(partner.book('acme', {} as Delivery), 'three failures in a row opened it').rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls).toEqual(['track', 'track', 'track', 'cancel', 'requestReattempt', 'cancel']);
  });

  it('opens the circuit on tracking calls that cannot reach the partner', async () => {
    const { first } = await breakers();
    const unreachable = (): Promise<never> => Promise.reject(new PartnerUnavailableError('acme', 'HTTP 503'));
    const partner = new GuardedPartner({ book: unreachable, cancel: unreachable, requestReattempt: unreachable, track: unreachable }, first);
    for (let i = 0; i < 3; i += 1) await expect(partner.track('acme', 'job-1')).rejects.toBeInstanceOf(PartnerUnavailableError);
    await expect(partner.track('acme', 'job-1')).rejects.toBeInstanceOf(CircuitOpenError);
  });
});
