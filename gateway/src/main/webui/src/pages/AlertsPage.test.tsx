import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AlertsPage, silenceMatchers } from './AlertsPage';
import { fakeGateway, refusal, renderView, signedInAs } from '../test-support';
import type { Alert, Delivery } from '../api/types';

const ALERT: Alert = {
  id: 'a1', environment: 'gcp-euw4-staging', source: 'monitoring', name: 'besu-behind', severity: 'warning',
  message: 'besu-rpc is 80 blocks behind', labels: {}, status: 'firing', firstSeen: '2026-11-25T01:00:00Z',
  lastSeen: '2026-11-25T01:05:00Z', count: 3, acknowledged: false, fingerprint: 'f', silenced: false,
};
const page = (items: Alert[]) => ({ items, page: 0, size: 25, total: items.length });
const NO_SILENCES = { 'GET /api/alerts/silences': page([]) };
const FIRING = { ...NO_SILENCES, 'GET /api/alerts?status=firing&page=0&size=25': page([ALERT]) };
const DELIVERY: Delivery = {
  id: 'd1', channelId: 'c1', channel: 'ops-webhook', channelType: 'webhook', kind: 'trigger', status: 'sent', attempts: 2,
  createdAt: '2026-11-25T01:00:00Z', sentAt: '2026-11-25T01:00:40Z', lastError: null,
  tries: [
    { at: '2026-11-25T01:00:10Z', succeeded: false, httpStatus: 503, error: 'receiver answered 503 Service Unavailable' },
    { at: '2026-11-25T01:00:40Z', succeeded: true, httpStatus: 200, error: null },
  ],
};

describe('AlertsPage', () => {
  it('lets an operator acknowledge a firing alert and shows who did', async () => {
    signedInAs('operator', 'olivia');
    let acknowledged = false;
    const calls = fakeGateway({
      ...NO_SILENCES,
      'GET /api/alerts?status=firing&page=0&size=25': () => page([acknowledged ? { ...ALERT, acknowledged, acknowledgedBy: 'olivia' } : ALERT]),
      'POST /api/alerts/a1/acknowledge': () => {
        acknowledged = true;
        return { ...ALERT, acknowledged: true, acknowledgedBy: 'olivia' };
      },
    });
    renderView(<AlertsPage />, '/alerts');

    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));

    expect(await screen.findByText('acknowledged by olivia')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.authorization).toBe('Bearer token-of-olivia');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull());
  });

  it('offers a viewer no button it could not use', async () => {
    signedInAs('viewer');
    fakeGateway({ ...NO_SILENCES, 'GET /api/alerts?status=firing&page=0&size=25': page([ALERT]) });
    renderView(<AlertsPage />, '/alerts');

    expect(await screen.findByText('besu-behind')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Silence' })).toBeNull();
  });

  it('asks the API for what the filter says', async () => {
    signedInAs('viewer');
    const calls = fakeGateway({
      ...NO_SILENCES,
      'GET /api/alerts?status=firing&page=0&size=25': page([ALERT]),
      'GET /api/alerts?severity=error&status=firing&page=0&size=25': page([]),
    });
    renderView(<AlertsPage />, '/alerts');
    await screen.findByText('besu-behind');

    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'error' } });

    expect(await screen.findByText(/no alert matches the filter/i)).toBeTruthy();
    expect(calls.map((c) => c.path)).toContain('/api/alerts?severity=error&status=firing&page=0&size=25');
  });

  it('silences an alert by its name and environment', () => {
    expect(silenceMatchers(ALERT)).toEqual([
      { name: 'alertname', op: '=', value: 'besu-behind' },
      { name: 'environment', op: '=', value: 'gcp-euw4-staging' },
    ]);
    expect(silenceMatchers({ ...ALERT, environment: null })).toHaveLength(1);
  });

  it("opens an alert's notification history, with every try, for a viewer too", async () => {
    signedInAs('viewer');
    const calls = fakeGateway({ ...FIRING, 'GET /api/alerts/a1/deliveries': [DELIVERY] });
    renderView(<AlertsPage />, '/alerts');

    fireEvent.click(await screen.findByRole('button', { name: 'Notifications' }));

    const history = await screen.findByTestId('deliveries-a1');
    expect(await within(history).findByText('ops-webhook')).toBeTruthy();
    expect(within(history).getByText('sent')).toBeTruthy();
    expect(within(history).getByText(/webhook · trigger · 2 tries/)).toBeTruthy();
    expect(within(history).getByText(/failed \(HTTP 503\)/)).toBeTruthy();
    expect(within(history).getByText(/receiver answered 503 Service Unavailable/)).toBeTruthy();
    expect(within(history).getByText(/delivered \(HTTP 200\)/)).toBeTruthy();
    expect(calls.map((c) => c.path)).toContain('/api/alerts/a1/deliveries');

    fireEvent.click(screen.getByRole('button', { name: 'Hide notifications' }));
    expect(screen.queryByTestId('deliveries-a1')).toBeNull();
  });

  it('says so when no notification went out for an alert', async () => {
    signedInAs('viewer');
    fakeGateway({ ...FIRING, 'GET /api/alerts/a1/deliveries': [] });
    renderView(<AlertsPage />, '/alerts');

    fireEvent.click(await screen.findByRole('button', { name: 'Notifications' }));

    expect(await screen.findByText(/No notification for this alert/)).toBeTruthy();
  });

  it("shows the service's reason when the history cannot be read", async () => {
    signedInAs('operator');
    fakeGateway({ ...FIRING, 'GET /api/alerts/a1/deliveries': refusal(404, 'Alert a1 does not exist') });
    renderView(<AlertsPage />, '/alerts');

    fireEvent.click(await screen.findByRole('button', { name: 'Notifications' }));

    expect((await within(await screen.findByTestId('deliveries-a1')).findByRole('alert')).textContent).toContain('Alert a1 does not exist');
  });
});
