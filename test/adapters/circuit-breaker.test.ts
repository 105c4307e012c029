import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '#adapters/partners/circuit-breaker.ts';
import { CircuitOpenError, PartnerUnavailableError } from '#adapters/partners/partner-errors.ts';
import { DynamoDbCircuitStore } from '#adapters/delivery-store/circuit-store.ts';
import { freshRepository } from '#test/support/dynamodb.ts';

/** Two breakers over one table, as two Lambda instances would have, on a clock the test moves. */
const breakers = async () => {
  const { client, tableName } = await freshRepository();
  const clock = { now: Date.parse('2026-11-25T10:00:00Z') };
  const settings = { failureThreshold: 3, openSeconds: 30 };
  const make = () => new CircuitBreaker(new DynamoDbCircuitStore({ client, tableName }), settings, () => new Date(clock.now));
  return { first: make(), second: make(), clock };
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
