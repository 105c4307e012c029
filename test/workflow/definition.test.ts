import { readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { DEFINITION_FILE, loadDefinition } from '../../statemachine/definition.ts';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:delivery-workflow';
const definition = loadDefinition({ WorkflowFunctionArn: FUNCTION_ARN });
const states = definition['States'] as Record<string, Record<string, unknown>>;
const tasks = Object.entries(states).filter(([, state]) => state['Type'] === 'Task');
const TRANSIENT_LAMBDA_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];

const keysIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysIn)
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) => [key, ...keysIn(child)])
      : [];

const valuesIn = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(valuesIn)
      : value !== null && typeof value === 'object'
        ? Object.values(value).flatMap(valuesIn)
        : [];

describe('statemachine/delivery-lifecycle.asl.json', () => {
  it('is valid Amazon States Language, for the validator and for the local engine', () => {
    const { isValid, errors } = aslValidator(definition);
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
    expect(() => new StateMachine(definition as never)).not.toThrow();
  });

  it('is JSONPath only: no JSONata, no Assign, no variables', () => {
    const text = readFileSync(DEFINITION_FILE, 'utf8');
    expect(text).not.toMatch(/\{%/);
    const keys = keysIn(JSON.parse(text));
    for (const forbidden of ['QueryLanguage', 'Assign', 'Arguments', 'Output', 'Variables']) expect(keys, forbidden).not.toContain(forbidden);
    const paths = valuesIn(definition).filter((value) => value.startsWith('$'));
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(path, 'a JSONPath, not a variable').toMatch(/^\$\$?(\.|$)/);
  });

  it('names every state in plain English', () => {
    for (const name of Object.keys(states)) expect(name, name).toMatch(/^[A-Z][a-z]+(?::? [a-z]+)+$/);
  });

  it.each(tasks)('gives the task "%s" a timeout, retries with jitter on transient Lambda errors, and a catch-all', (_name, state) => {
    expect(state['TimeoutSeconds'] ?? state['TimeoutSecondsPath']).toBeDefined();
    expect(state['Retry']).toContainEqual(expect.objectContaining({ ErrorEquals: TRANSIENT_LAMBDA_ERRORS, JitterStrategy: 'FULL' }));
    expect(state['Catch']).toContainEqual(expect.objectContaining({ ErrorEquals: ['States.ALL'] }));
    expect(JSON.stringify(state['Parameters'])).toContain(FUNCTION_ARN);
  });

  it('waits on callbacks with the task token, catching the timeout and, while the partner has the parcel, the heartbeat', () => {
    const waits = tasks.filter(([, state]) => String(state['Resource']).endsWith('.waitForTaskToken'));
    expect(waits.map(([name]) => name).sort()).toEqual(['Book a partner and wait for pickup', 'Wait for pickup or an operator', 'Wait for the partner to deliver']);
    for (const [, state] of waits) {
      expect(JSON.stringify(state['Parameters'])).toContain('"taskToken.$":"$$.Task.Token"');
      expect(state['Catch']).toContainEqual(expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'Check the timers' }));
    }
    expect(states['Wait for the partner to deliver']?.['HeartbeatSecondsPath']).toBe('$.wait.heartbeatSeconds');
    expect(states['Wait for the partner to deliver']?.['Catch']).toContainEqual(
      expect.objectContaining({ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Report a stalled delivery' }),
    );
  });

  it('retries any failure of a task, except a callback\'s own timeout and heartbeat timeout, which go to their catchers', () => {
    for (const [name, state] of tasks) {
      const retriers = state['Retry'] as { ErrorEquals: string[]; MaxAttempts?: number }[];
      const retried = retriers.flatMap((retrier) => retrier.ErrorEquals);
      expect(retried, name).not.toContain('States.ALL');
      expect(retried, name).toContain('States.TaskFailed');
      if (String(state['Resource']).endsWith('.waitForTaskToken')) {
        // Step Functions uses the first retrier that matches: this one never retries, so States.TaskFailed cannot catch these.
        expect(retriers[0], name).toEqual({ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'], MaxAttempts: 0 });
      } else {
        expect(retried, name).toContain('States.Timeout');
      }
    }
  });

  it('books and waits for pickup in one state, so that the happy path costs five billed transitions', () => {
    expect(definition['StartAt']).toBe('Book a partner and wait for pickup');
    const book = states['Book a partner and wait for pickup'];
    expect(book?.['Parameters']).toMatchObject({ Payload: { task: 'BOOK', 'taskToken.$': '$$.Task.Token', 'timeoutSeconds.$': '$.wait.timeoutSeconds' } });
    expect(book?.['TimeoutSecondsPath']).toBe('$.wait.timeoutSeconds');
    expect(book?.['Next']).toBe('Decide what happens next');
  });

  it('refuses to load with a placeholder left unsubstituted', () => {
    expect(() => loadDefinition({} as never)).toThrow(/WorkflowFunctionArn/);
  });
});
