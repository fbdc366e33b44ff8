import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { fakeGateway, signedInAs } from '../../test-support';
import type { NotificationChannel } from '../../api/types';
import { EMPTY_CATALOGUE, fill, gatewayRefusing, openAdmin } from './testing';

const PAGER: NotificationChannel = {
  id: '6f1c2a9e-0d7b-4c36-9a53-2f0f1d0c8b11', name: 'ops-pager', type: 'pagerduty', url: null, routingKey: '...9f3a', to: null,
  secretSet: false, minSeverity: 'error', environments: ['azure-weu-prod'], groupWait: 'PT30S', repeatInterval: 'PT4H',
  enabled: true, createdBy: 'ada', createdAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-20T10:00:00Z',
};
const ADMIN_VIEW = { ...EMPTY_CATALOGUE, 'GET /api/notification-channels': [PAGER] };

const openChannels = () => openAdmin('Notification channels', 'ops-pager');

describe('Admin notification channels tab', () => {
  it('lists channels with what the API shows of their target', async () => {
    signedInAs('admin');
    fakeGateway(ADMIN_VIEW);
    await openChannels();

    const row = document.querySelector('[data-channel="ops-pager"]') as HTMLElement;
    expect(row.textContent).toContain('key ...9f3a');
    expect(row.textContent).toContain('azure-weu-prod');
    expect(row.textContent).toContain('wait PT30S, repeat PT4H');
  });

  it('adds a webhook channel with only the settings a webhook uses', async () => {
    signedInAs('admin');
    const calls = fakeGateway({ ...ADMIN_VIEW, 'POST /api/notification-channels': { ...PAGER, id: 'new', name: 'audit-hook', type: 'webhook' } });
    await openChannels();

    fireEvent.click(screen.getByRole('button', { name: 'Add channel' }));
    const form = screen.getByRole('form', { name: 'Add a notification channel' });
    fill(form, /^Name/, 'audit-hook');
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'webhook' } });
    fill(form, 'Webhook URL', 'https://hooks.example.internal/portal');
    fill(form, /^Signing secret/, 'a-secret-of-sixteen+');
    fireEvent.change(within(form).getByLabelText('Minimum severity'), { target: { value: 'info' } });
    fill(form, /^Environments/, 'azure-weu-prod, aws-euc1-prod');
    fireEvent.click(within(form).getByRole('button', { name: 'Add channel' }));

    await screen.findByRole('button', { name: 'Add channel' });
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST', path: '/api/notification-channels', authorization: 'Bearer token-of-admin-user', contentType: 'application/json',
      body: {
        name: 'audit-hook', type: 'webhook', url: 'https://hooks.example.internal/portal', secret: 'a-secret-of-sixteen+',
        minSeverity: 'info', environments: ['azure-weu-prod', 'aws-euc1-prod'], groupWait: 'PT30S', repeatInterval: 'PT4H', enabled: true,
      },
    });
  });

  it('asks an email channel for its recipients only', async () => {
    signedInAs('admin');
    const calls = fakeGateway({ ...ADMIN_VIEW, 'POST /api/notification-channels': { ...PAGER, id: 'mail', type: 'email' } });
    await openChannels();

    fireEvent.click(screen.getByRole('button', { name: 'Add channel' }));
    const form = screen.getByRole('form', { name: 'Add a notification channel' });
    fill(form, /^Name/, 'oncall-mail');
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'email' } });
    expect(within(form).queryByLabelText(/URL/)).toBeNull();
    expect(within(form).queryByLabelText(/secret/i)).toBeNull();
    fill(form, /^Recipients/, 'oncall@example.org, lead@example.org');
    fireEvent.click(within(form).getByRole('button', { name: 'Add channel' }));

    await screen.findByRole('button', { name: 'Add channel' });
    const body = calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(body.to).toEqual(['oncall@example.org', 'lead@example.org']);
    expect(Object.keys(body)).not.toContain('url');
    expect(Object.keys(body)).not.toContain('routingKey');
  });

  it('edits a channel with a PUT of its whole declaration, its routing key entered again', async () => {
    signedInAs('admin');
    const calls = fakeGateway({ ...ADMIN_VIEW, [`PUT /api/notification-channels/${PAGER.id}`]: PAGER });
    await openChannels();

    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit ops-pager' });
    expect((within(form).getByLabelText('Routing key') as HTMLInputElement).value).toBe('');
    fill(form, 'Routing key', 'R0UT1NGKEY9f3a');
    fill(form, /^Repeat interval/, 'PT1H');
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('button', { name: 'Add channel' });
    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      method: 'PUT', path: `/api/notification-channels/${PAGER.id}`, authorization: 'Bearer token-of-admin-user', contentType: 'application/json',
      body: {
        name: 'ops-pager', type: 'pagerduty', routingKey: 'R0UT1NGKEY9f3a', minSeverity: 'error', environments: ['azure-weu-prod'],
        groupWait: 'PT30S', repeatInterval: 'PT1H', enabled: true,
      },
    });
  });

  it('shows why the service refused a channel', async () => {
    signedInAs('admin');
    gatewayRefusing(ADMIN_VIEW, {
      [`PUT /api/notification-channels/${PAGER.id}`]: {
        status: 400, title: 'Invalid input', detail: "Field 'repeatInterval' must be from PT1S to PT168H, not PT336H",
      },
    });
    await openChannels();

    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit ops-pager' });
    fill(form, 'Routing key', 'R0UT1NGKEY9f3a');
    fill(form, /^Repeat interval/, 'P14D');
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect((await within(form).findByRole('alert')).textContent).toContain("Field 'repeatInterval' must be from PT1S to PT168H, not PT336H");
  });

  it('deletes a channel only after the admin confirms', async () => {
    signedInAs('admin');
    const calls = fakeGateway({ ...ADMIN_VIEW, [`DELETE /api/notification-channels/${PAGER.id}`]: null });
    await openChannels();

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));

    await screen.findByRole('button', { name: 'Delete' });
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([`/api/notification-channels/${PAGER.id}`]);
  });

  it('says so when there is no channel', async () => {
    signedInAs('admin');
    fakeGateway({ ...ADMIN_VIEW, 'GET /api/notification-channels': [] });
    expect(await openAdmin('Notification channels', /No notification channel/)).toBeTruthy();
  });

  it('shows a list the service could not give, with a retry', async () => {
    signedInAs('admin');
    gatewayRefusing(ADMIN_VIEW, { 'GET /api/notification-channels': { status: 503, title: 'Service unavailable', detail: 'alert-service is not reachable' } });
    await openAdmin('Notification channels', /alert-service is not reachable/);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('alert-service is not reachable');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
