import { vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { AdminPage } from '../AdminPage';
import type { Problem } from '../../api/types';
import { fakeGateway, renderView, type Call } from '../../test-support';

/**
 * fakeGateway, plus calls the service refuses with a problem+json (fakeGateway answers only 200 or 404).
 * Refused calls are recorded too.
 */
export function gatewayRefusing(routes: Record<string, unknown>, refusals: Record<string, Problem>): Call[] {
  const calls = fakeGateway(routes);
  const answer = globalThis.fetch;
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const refusal = refusals[`${method} ${path}`];
    if (!refusal) {
      return answer(path, init);
    }
    calls.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : undefined });
    return { ok: false, status: refusal.status, text: async () => JSON.stringify(refusal) };
  });
  return calls;
}

/** A 400 as the services' validation mapper writes it. */
export function invalidFields(...violations: { field: string; message: string }[]): Problem {
  return {
    type: 'https://orchestration.io/problems/invalid-input', title: 'Invalid input', status: 400,
    detail: violations.map((v) => `${v.field} ${v.message}`).join('; '), violations,
  } as Problem;
}

/** What the admin panel's first tab (environments) asks for, answered with an empty, valid catalogue. */
export const EMPTY_CATALOGUE = {
  'GET /api/environments?size=200': { items: [], page: 0, size: 200, total: 0 },
  'GET /api/admin/environments/catalogue': { file: 'config/environments.yaml', valid: true, errors: [] },
};

/** Renders the admin panel, opens {@code tab} (if given) and waits until it shows {@code shown}. */
export async function openAdmin(tab: string | null, shown: string | RegExp): Promise<HTMLElement> {
  renderView(<AdminPage />, '/admin');
  if (tab) {
    fireEvent.click(await screen.findByRole('tab', { name: tab }));
  }
  return screen.findByText(shown);
}

export function fill(form: HTMLElement, label: RegExp | string, value: string) {
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });
}
