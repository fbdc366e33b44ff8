import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { LoginPage } from './LoginPage';
import { renderView } from '../test-support';

describe('LoginPage', () => {
  it('shows the problem the API answers when the password is wrong, and keeps the user on the form', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => ({
      ok: false, status: 401,
      text: async () => JSON.stringify({ status: 401, title: 'Unauthorized', detail: 'Unknown user or wrong password' }),
    })));
    renderView(<LoginPage />, '/login');

    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'not the password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Unknown user or wrong password');
    expect(localStorage.getItem('portal.session')).toBeNull();
  });

  it('keeps the token the API issues', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => ({
      ok: true, status: 200,
      text: async () => JSON.stringify({ token: 'jwt', tokenType: 'Bearer', expiresAt: '2999-01-01T00:00:00Z', username: 'admin', role: 'admin' }),
    })));
    renderView(<LoginPage />, '/login');

    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'the right password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await vi.waitFor(() => expect(JSON.parse(localStorage.getItem('portal.session') ?? '{}').token).toBe('jwt'));
  });
});
