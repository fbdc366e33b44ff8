import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from './auth/AuthContext';
import type { Role } from './api/types';

/** Signs a user of {@code role} in, as the login view would have. */
export function signedInAs(role: Role, username = `${role}-user`): void {
  localStorage.setItem('portal.session', JSON.stringify({ token: `token-of-${username}`, username, role, expiresAt: '2999-01-01T00:00:00Z' }));
}

export interface Call {
  method: string;
  path: string;
  body?: unknown;
  /** The multipart form of an upload. */
  form?: FormData;
  contentType?: string;
  authorization?: string;
}

/** A route's answer with a status of its choosing (a refusal's problem+json, a 202, …); plain route values answer 200. */
export class Reply {
  constructor(readonly status: number, readonly body: unknown) {}
}

/** The problem+json a service refuses with. */
export const refusal = (status: number, detail: string, extra: Record<string, unknown> = {}) =>
  new Reply(status, { type: 'https://orchestration.io/problems/refused', title: 'Refused', status, detail, ...extra });

/** Answers fetch calls by "METHOD path" (path with query); records every call. Unknown calls answer 404. */
export function fakeGateway(routes: Record<string, unknown | ((call: Call) => unknown)>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const form = init.body instanceof FormData ? init.body : undefined;
    const body = init.body && !form ? JSON.parse(String(init.body)) : undefined;
    const call: Call = { method: init.method ?? 'GET', path, body, form, contentType: headers['Content-Type'], authorization: headers.Authorization };
    calls.push(call);
    const route = routes[`${call.method} ${path}`];
    if (route === undefined) {
      return { ok: false, status: 404, text: async () => JSON.stringify({ status: 404, title: 'Not Found', detail: `no route ${call.method} ${path}` }) };
    }
    const answer = typeof route === 'function' ? (route as (c: Call) => unknown)(call) : route;
    if (answer instanceof Reply) {
      return { ok: answer.status < 300, status: answer.status, text: async () => JSON.stringify(answer.body) };
    }
    return { ok: true, status: 200, text: async () => JSON.stringify(answer) };
  }));
  return calls;
}

export function renderView(view: ReactNode, path = '/') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AuthProvider>
        <MemoryRouter initialEntries={[path]}>{view}</MemoryRouter>
      </AuthProvider>
    </QueryClientProvider>,
  );
}
