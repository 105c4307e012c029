import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EnvironmentPartnerSecrets } from '#adapters/partners/partner-secrets.ts';
import { SecretsManagerPartnerSecrets } from '#adapters/partners/secrets-manager-partner-secrets.ts';

describe('partner secrets', () => {
  it('come from Secrets Manager, current and previous during a rotation, read once per cache period', async () => {
    const client = new SecretsManagerClient({ region: 'eu-west-1' });
    const secretsManager = mockClient(client);
    secretsManager
      .on(GetSecretValueCommand, { SecretId: 'bookstore-delivery/partners/manual' })
      .resolves({ SecretString: JSON.stringify({ current: 'c'.repeat(32), previous: 'p'.repeat(32) }) });
    let now = new Date('2026-11-25T10:00:00Z');
    const secrets = new SecretsManagerPartnerSecrets(['manual'], 'bookstore-delivery/partners/', client, 300, () => now);

    expect(await secrets.secretsFor('manual')).toEqual(['c'.repeat(32), 'p'.repeat(32)]);
    await secrets.secretsFor('manual');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    now = new Date('2026-11-25T10:06:00Z');
    await secrets.secretsFor('manual');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(await secrets.secretsFor('acme')).toBeNull();
  });

  it('come from Secrets Manager as the current one alone outside a rotation', async () => {
    const client = new SecretsManagerClient({ region: 'eu-west-1' });
    mockClient(client).on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ current: 'c'.repeat(32) }) });
    expect(await new SecretsManagerPartnerSecrets(['manual'], 'p/', client).secretsFor('manual')).toEqual(['c'.repeat(32)]);
  });

  it('refuse a malformed or too short secret instead of accepting any signature', async () => {
    const client = new SecretsManagerClient({ region: 'eu-west-1' });
    mockClient(client).on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ current: 'short' }) });
    await expect(new SecretsManagerPartnerSecrets(['manual'], 'p/', client).secretsFor('manual')).rejects.toThrow();
  });

  it('come from the environment locally, with the contract default', async () => {
    const secrets = new EnvironmentPartnerSecrets(['manual', 'sandbox'], { PARTNER_SECRET_SANDBOX: 'next, previous' });
    expect(await secrets.secretsFor('manual')).toEqual(['dev-secret-manual']);
    expect(await secrets.secretsFor('sandbox')).toEqual(['next', 'previous']);
    expect(await secrets.secretsFor('acme')).toBeNull();
  });
});
