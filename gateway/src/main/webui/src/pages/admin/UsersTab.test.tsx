import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { fakeGateway, signedInAs } from '../../test-support';
import type { User } from '../../api/types';
import { EMPTY_CATALOGUE, fill, gatewayRefusing, invalidFields, openAdmin } from './testing';

const BOB: User = { username: 'bob', role: 'viewer', enabled: true, lockedUntil: '2999-01-01T00:00:00Z', createdAt: '2026-11-01T00:00:00Z' };
const ADMIN_VIEW = { ...EMPTY_CATALOGUE, 'GET /api/admin/users': [BOB] };

const openUsers = () => openAdmin('Users', 'bob');

describe('Admin users tab', () => {
  it('sets a user\'s password with the body the admin-service reads', async () => {
    signedInAs('admin', 'ada');
    const calls = fakeGateway({ ...ADMIN_VIEW, 'POST /api/admin/users/bob/password': { ...BOB, lockedUntil: null } });
    await openUsers();

    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    const form = screen.getByRole('form', { name: 'New password for bob' });
    fill(form, /New password for bob/, 'correct horse battery');
    fireEvent.click(within(form).getByRole('button', { name: 'Save password' }));

    await screen.findByRole('button', { name: 'Set password' });
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST', path: '/api/admin/users/bob/password', body: { password: 'correct horse battery' }, authorization: 'Bearer token-of-ada', contentType: 'application/json',
    });
    expect(screen.queryByRole('form', { name: 'New password for bob' })).toBeNull();
  });

  it('shows the service\'s refusal of a password next to the field', async () => {
    signedInAs('admin');
    gatewayRefusing(ADMIN_VIEW, {
      'POST /api/admin/users/bob/password': invalidFields({ field: 'password', message: 'size must be between 12 and 256' }),
    });
    await openUsers();

    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    const form = screen.getByRole('form', { name: 'New password for bob' });
    fill(form, /New password for bob/, 'short but sent');
    fireEvent.click(within(form).getByRole('button', { name: 'Save password' }));

    expect((await within(form).findByRole('alert')).textContent).toContain('password size must be between 12 and 256');
    expect(form.querySelector('[data-field-error="password"]')?.textContent).toBe('size must be between 12 and 256');
  });

  it('changes a role and disables a user with a PATCH of just that field', async () => {
    signedInAs('admin');
    const calls = fakeGateway({ ...ADMIN_VIEW, 'PATCH /api/admin/users/bob': (c: { body?: unknown }) => ({ ...BOB, ...(c.body as object) }) });
    await openUsers();

    fireEvent.change(screen.getByLabelText('Role of bob'), { target: { value: 'operator' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Disable' }));

    await screen.findByText('bob');
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ role: 'operator' }, { enabled: false }]);
  });

  it('shows why a new user was refused', async () => {
    signedInAs('admin');
    gatewayRefusing(ADMIN_VIEW, {
      'POST /api/admin/users': { status: 409, title: 'Conflict', detail: "User 'bob' already exists" },
    });
    await openUsers();

    const form = screen.getByRole('form', { name: 'Add a user' });
    fill(form, 'Username', 'bob');
    fill(form, /Password/, 'a long enough secret');
    fireEvent.click(within(form).getByRole('button', { name: 'Add user' }));

    expect((await screen.findByRole('alert')).textContent).toContain("User 'bob' already exists");
  });
});
