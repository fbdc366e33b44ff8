import { fireEvent, screen, within } from '@testing-library/react';
import { AdminPage } from '../AdminPage';
import type { Problem } from '../../api/types';
import { fakeGateway, renderView, Reply, type Call } from '../../test-support';

/** fakeGateway with some calls refused by the service with a problem+json (recorded like the others). */
export function gatewayRefusing(routes: Record<string, unknown>, refusals: Record<string, Problem>): Call[] {
  const refused = Object.fromEntries(Object.entries(refusals).map(([call, problem]) => [call, new Reply(problem.status, problem)]));
  return fakeGateway({ ...routes, ...refused });
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
