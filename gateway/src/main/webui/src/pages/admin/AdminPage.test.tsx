import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { AdminPage } from '../AdminPage';
import { fakeGateway, renderView, signedInAs } from '../../test-support';
import type { NotificationChannel, Role } from '../../api/types';
import { EMPTY_CATALOGUE } from './testing';

const SLACK: NotificationChannel = {
  id: '0b5e8f0e-5a57-4d39-8c3e-7c0f4c2d9a10', name: 'team-slack', type: 'slack', url: 'https://hooks.slack.com/...', to: null,
  secretSet: false, minSeverity: 'warning', environments: [], groupWait: 'PT30S', repeatInterval: 'PT4H',
  enabled: true, createdBy: 'ada', createdAt: '2026-11-20T10:00:00Z',
};

describe('AdminPage by role', () => {
  it.each<Role>(['viewer', 'operator'])('shows a %s the notification channels read-only and nothing else', async (role) => {
    signedInAs(role);
    const calls = fakeGateway({ 'GET /api/notification-channels': [SLACK] });
    renderView(<AdminPage />, '/admin');

    expect(await screen.findByText('team-slack')).toBeTruthy();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Notification channels']);
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(calls.map((c) => c.path)).toEqual(['/api/notification-channels']);
  });

  it('gives an admin every tab and the channel buttons', async () => {
    signedInAs('admin');
    fakeGateway({ ...EMPTY_CATALOGUE, 'GET /api/notification-channels': [SLACK] });
    renderView(<AdminPage />, '/admin');

    expect(screen.getAllByRole('tab').map((t) => t.textContent))
      .toEqual(['Environments', 'Services', 'Providers', 'Users', 'Notification channels', 'Audit log']);
    expect(await screen.findByText(/No environment in the catalogue yet/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add environment' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload catalogue' })).toBeTruthy();
  });
});
