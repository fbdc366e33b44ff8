import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { NavigationPanel } from './NavigationPanel';
import { renderView, signedInAs } from '../test-support';

describe('NavigationPanel', () => {
  afterEach(() => localStorage.clear());

  it('leads admins to the admin panel', () => {
    signedInAs('admin');
    renderView(<NavigationPanel />);
    expect(screen.getByRole('link', { name: 'Admin' }).getAttribute('href')).toBe('/admin');
  });

  it('leads viewers to the notification channels they may read, not to an admin panel', () => {
    signedInAs('viewer');
    renderView(<NavigationPanel />);
    expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Notification channels' }).getAttribute('href')).toBe('/admin');
  });
});
