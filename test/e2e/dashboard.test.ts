import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '#test/support/chromium.ts';
import { partnerEvent, StackClient } from './support/client.ts';

const stack = new StackClient(inject('stack'));
const dashboardUrl = `${stack.urls.apiUrl}/dashboard/`;

/** Where the screenshots of a hold before and after it is resolved are kept, as test artifacts. */
const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'test-artifacts');

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
});

/** A fresh page of the dashboard, signed in with `token`; what the page printed to its console as errors is collected. */
const openDashboard = async (token: string): Promise<{ page: Page; consoleErrors: string[] }> => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(dashboardUrl);
  await page.getByLabel('Operator token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, consoleErrors };
};

/** A booked delivery that its partner reports damaged: ON_HOLD(DAMAGED), with the parcel in the partner's custody. */
const damagedDelivery = async (): Promise<string> => {
  const { deliveryId, jobId } = await stack.booked();
  for (const status of ['PICKED_UP', 'DAMAGED']) {
    const reply = await stack.webhook('manual', partnerEvent(jobId, status, { occurredAt: new Date().toISOString(), reason: 'box crushed at the depot' }));
    expect(reply).toMatchObject({ status: 200, body: { result: 'applied' } });
  }
  await stack.viewWhen(deliveryId, 'on hold (DAMAGED)', (view) => view.status === 'ON_HOLD' && view.holdReason === 'DAMAGED');
  return deliveryId;
};

describe('the operator dashboard in headless Chromium', () => {
  it('lists a hold under its reason, shows its timeline and workflow, and resolves it with a stated reason', async () => {
    const deliveryId = await damagedDelivery();
    const { page, consoleErrors } = await openDashboard(stack.urls.operatorToken);

    const group = page.locator('section.hold-group[data-reason="DAMAGED"]');
    const row = group.getByRole('row').filter({ hasText: deliveryId });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/manual\s+0\/3\s+\d+ (s|min)/);
    await row.getByRole('link', { name: deliveryId }).click();

    const panel = page.locator(`article.delivery[data-delivery-id="${deliveryId}"]`);
    await panel.waitFor();
    expect(await panel.locator('.status').innerText()).toBe('ON_HOLD (DAMAGED)');
    expect(await panel.locator('.workflow').innerText()).toMatch(/^RUNNING · \S/);
    const timeline = panel.locator('ol.timeline');
    expect(await timeline.innerText()).toContain('manual: DAMAGED');
    expect(await timeline.innerText()).toContain('DeliveryPutOnHold');

    const offered = await Promise.all((await panel.getByRole('radio').all()).map((radio) => radio.getAttribute('value')));
    const fromApi = (await stack.call('GET', `/deliveries/${deliveryId}/timeline`, { operator: true })).body as unknown as { allowedActions: string[] };
    expect(offered).toEqual(fromApi.allowedActions);
    // The contract's rows for ON_HOLD with custody (no REASSIGN: the partner has the parcel).
    expect(offered).toEqual(['HOLD', 'RESUME', 'REATTEMPT', 'RETURN_TO_SENDER', 'DECLARE_LOST', 'WRITE_OFF', 'CANCEL']);

    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'operator-dashboard-1-hold-open.png'), fullPage: true });
    await panel.getByRole('radio', { name: 'RETURN_TO_SENDER' }).check();
    const apply = panel.getByRole('button', { name: 'Apply RETURN_TO_SENDER' });
    expect(await apply.isDisabled(), 'no reason stated yet').toBe(true);
    await panel.getByLabel('Reason (required)').fill('box crushed in transit: return it to the warehouse');
    await apply.click();

    await expect.poll(() => panel.getByRole('status').innerText()).toBe('RETURN_TO_SENDER applied: the delivery is now RETURNING.');
    await expect.poll(() => panel.locator('.status').innerText()).toBe('RETURNING');
    const decided = timeline.locator('li.source-operator').last();
    expect(await decided.innerText()).toMatch(/DeliveryReturnInitiated[\s\S]*ON_HOLD → RETURNING[\s\S]*by local-operator[\s\S]*box crushed in transit: return it to the warehouse/);
    await expect.poll(() => page.locator('section.hold-group').getByText(deliveryId).count()).toBe(0);

    await page.screenshot({ path: join(ARTIFACTS_DIR, 'operator-dashboard-2-hold-resolved.png'), fullPage: true });
    await page.close();

    expect(await stack.events(deliveryId)).toContainEqual(
      expect.objectContaining({ type: 'DeliveryReturnInitiated', source: 'OPERATOR', actor: 'local-operator', reason: 'box crushed in transit: return it to the warehouse' }),
    );
    expect(consoleErrors).toEqual([]);
  });

  it('shows the refusal of a wrong token and asks to sign in again', async () => {
    const { page } = await openDashboard('not-the-operator-token');
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('sign in to continue');
    expect(await page.getByLabel('Operator token').isVisible()).toBe(true);
    await page.close();
  });
});
