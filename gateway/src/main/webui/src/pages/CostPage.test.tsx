import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CostPage } from './CostPage';
import { CostImportCard } from '../components/CostImportCard';
import { Reply, fakeGateway, refusal, renderView, signedInAs, type Call } from '../test-support';
import { fill, invalidFields } from './admin/testing';
import { formatTime } from '../components/format';
import type { Budget, ImportReport, ResultPage } from '../api/types';

const CSV = 'BilledCost,BillingCurrency,ChargePeriodStart\n12.5,USD,2026-11-01T00:00:00Z\nabc,USD,2026-11-01T00:00:00Z\n';
const BAD_LINE = { line: 3, reason: "BilledCost 'abc' is not a number" };
const REPORT: ImportReport = {
  id: '33333333-3333-3333-3333-333333333333', status: 'completed', onError: 'import', firstDay: '2026-11-01', lastDay: '2026-11-03',
  providers: ['aws', 'gcp'], rowsRead: 2, rowsImported: 1, rowsRejected: 1, rowsUnallocated: 0, rowsReplaced: 4,
  errors: [BAD_LINE], errorsTruncated: false, importedBy: 'olivia', createdAt: '2026-11-25T01:00:00Z', completedAt: '2026-11-25T01:00:01Z',
};
const REJECTED: ImportReport = {
  ...REPORT, id: '44444444-4444-4444-4444-444444444444', status: 'rejected', onError: 'reject', rowsImported: 0, rowsReplaced: 0,
  importedBy: 'oscar', createdAt: '2026-11-26T09:30:00Z',
};
const LIST = 'GET /api/costs/imports?page=0&size=10';

/** A page of the list as the service answers it: line errors left out, errorsTruncated saying there were some. */
function listed(...reports: ImportReport[]): ResultPage<ImportReport> {
  return { items: reports.map((r) => ({ ...r, errors: [], errorsTruncated: r.errors.length > 0 })), page: 0, size: 10, total: reports.length };
}

/** The list route: empty until the upload, then the given import. */
function listAfterUpload(calls: () => Call[], report: ImportReport) {
  return () => (calls().some((c) => c.method === 'POST') ? listed(report) : listed());
}

function chooseFile(name = 'november.csv') {
  fireEvent.change(screen.getByLabelText('FOCUS 1.x CSV (plain or .gz)'), { target: { files: [new File([CSV], name, { type: 'text/csv' })] } });
}

const listRequests = (calls: Call[]) => calls.filter((c) => c.path.startsWith('/api/costs/imports?page=')).length;

describe('FOCUS import', () => {
  it('lists the service\'s imports newest first with when, who, status, rows, providers and days', async () => {
    signedInAs('viewer');
    const calls = fakeGateway({ [LIST]: listed(REJECTED, REPORT) });
    renderView(<CostImportCard />);

    const rows = await screen.findAllByRole('listitem');
    expect(rows.map((row) => row.getAttribute('data-testid'))).toEqual([`past-import-${REJECTED.id}`, `past-import-${REPORT.id}`]);
    const first = rows[0].textContent ?? '';
    expect(first).toContain('rejected');
    expect(first).toContain(formatTime(REJECTED.createdAt));
    expect(first).toContain('by oscar');
    expect(first).toContain('2026-11-01 – 2026-11-03');
    expect(first).toContain('aws, gcp');
    expect(first).toContain('2 read · 0 imported · 1 refused');
    expect(rows[1].textContent).toContain('by olivia');
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([LIST]);
  });

  it("opens one import's full report with its refused lines", async () => {
    signedInAs('viewer');
    const calls = fakeGateway({ [LIST]: listed(REPORT), [`GET /api/costs/imports/${REPORT.id}`]: REPORT });
    renderView(<CostImportCard />);

    const row = await screen.findByTestId(`past-import-${REPORT.id}`);
    expect(screen.queryByRole('table', { name: 'Refused lines' })).toBeNull();
    fireEvent.click(within(row).getByRole('button', { name: 'Report' }));

    const lines = await within(row).findByRole('table', { name: 'Refused lines' });
    expect(within(lines).getByText('3')).toBeTruthy();
    expect(within(lines).getByText(BAD_LINE.reason)).toBeTruthy();
    expect(within(row).getByText('replaced').nextSibling?.textContent).toBe('4');
    expect(calls.map((c) => c.path)).toContain(`/api/costs/imports/${REPORT.id}`);

    fireEvent.click(within(row).getByRole('button', { name: 'Hide report' }));
    expect(within(row).queryByRole('table', { name: 'Refused lines' })).toBeNull();
  });

  it('pages through the imports', async () => {
    signedInAs('viewer');
    const calls = fakeGateway({
      [LIST]: { ...listed(REPORT), total: 12 },
      'GET /api/costs/imports?page=1&size=10': { ...listed(REJECTED), page: 1, total: 12 },
    });
    renderView(<CostImportCard />);

    await screen.findByTestId(`past-import-${REPORT.id}`);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByTestId(`past-import-${REJECTED.id}`)).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Pages of imports' }).textContent).toContain('page 2 of 2');
    expect(calls.map((c) => c.path)).toContain('/api/costs/imports?page=1&size=10');
  });

  it('uploads the chosen file as the multipart part "file", shows what the import did and lists it', async () => {
    signedInAs('operator', 'olivia');
    const calls: Call[] = fakeGateway({
      'POST /api/costs/imports?onError=import': new Reply(201, REPORT),
      [LIST]: listAfterUpload(() => calls, REPORT),
    });
    renderView(<CostImportCard />);
    expect(await screen.findByText('No file imported yet.')).toBeTruthy();

    chooseFile();
    fireEvent.change(screen.getByLabelText('When a row is invalid'), { target: { value: 'import' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    const shown = await screen.findByTestId(`import-${REPORT.id}`);
    expect(within(shown).getByText('imported').nextSibling?.textContent).toBe('1');
    expect(within(shown).getByText('refused').nextSibling?.textContent).toBe('1');
    expect(within(shown).getByText(BAD_LINE.reason)).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.authorization).toBe('Bearer token-of-olivia');
    expect(post?.contentType).toBeUndefined();
    const sent = post?.form?.get('file') as File;
    expect(sent.name).toBe('november.csv');
    expect(await sent.text()).toBe(CSV);

    expect(await screen.findByTestId(`past-import-${REPORT.id}`)).toBeTruthy();
    expect(listRequests(calls)).toBe(2);
  });

  it("shows a refused file's detail and its bad lines, and lists the rejected import", async () => {
    signedInAs('operator');
    const calls: Call[] = fakeGateway({
      'POST /api/costs/imports?onError=reject': refusal(422, '1 of 2 rows are invalid and onError=reject: nothing was imported', {
        importId: REJECTED.id, rowsRead: 2, rowsRejected: 1, errors: [BAD_LINE], errorsTruncated: false,
      }),
      [LIST]: listAfterUpload(() => calls, REJECTED),
    });
    renderView(<CostImportCard />);
    await screen.findByText('No file imported yet.');

    chooseFile('bad.csv');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    expect((await screen.findByRole('alert')).textContent).toContain('1 of 2 rows are invalid and onError=reject: nothing was imported');
    const lines = screen.getByRole('table', { name: 'Refused lines' });
    expect(within(lines).getByText('3')).toBeTruthy();
    expect(within(lines).getByText(BAD_LINE.reason)).toBeTruthy();
    const listedRow = await screen.findByTestId(`past-import-${REJECTED.id}`);
    expect(listedRow.textContent).toContain('rejected');
    expect(listRequests(calls)).toBe(2);
  });

  it('imports nothing until a file is chosen', async () => {
    signedInAs('operator');
    const calls = fakeGateway({ [LIST]: listed() });
    renderView(<CostImportCard />);
    await screen.findByText('No file imported yet.');
    expect((screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
  });
});

const BUDGET: Budget = {
  id: '55555555-5555-5555-5555-555555555555', name: 'Prod monthly', environment: 'prod', provider: null, amount: 1000, currency: 'USD',
  period: 'monthly', thresholds: [0.8, 1], periodStart: '2026-11-01', periodEnd: '2026-11-30', spent: 500, ratio: 0.5,
  createdBy: 'olivia', createdAt: '2026-11-01T00:00:00Z',
};
const BUDGET_PATH = `/api/budgets/${BUDGET.id}`;

async function editBudget(): Promise<HTMLElement> {
  const row = await screen.findByText('Prod monthly');
  fireEvent.click(within(row.closest('li') as HTMLElement).getByRole('button', { name: 'Edit' }));
  return screen.getByRole('form', { name: 'Edit Prod monthly' });
}

describe('CostPage', () => {
  it('offers a viewer the list of imports but neither the import nor budget changes', async () => {
    signedInAs('viewer');
    fakeGateway({ 'GET /api/budgets': [BUDGET], [LIST]: listed(REPORT) });
    renderView(<CostPage />, '/dashboard/costs');

    expect(await screen.findByText('Prod monthly')).toBeTruthy();
    expect(await screen.findByTestId(`past-import-${REPORT.id}`)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add budget' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('offers an operator the import', async () => {
    signedInAs('operator');
    fakeGateway({ 'GET /api/budgets': [], [LIST]: listed() });
    renderView(<CostPage />, '/dashboard/costs');

    expect(await screen.findByText('No budget set.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import' })).toBeTruthy();
  });

  it('edits a budget in place and sends the whole definition with PUT', async () => {
    signedInAs('operator');
    const calls = fakeGateway({
      'GET /api/budgets': [BUDGET],
      [`PUT ${BUDGET_PATH}`]: { ...BUDGET, name: 'Prod weekly', period: 'weekly' },
      [LIST]: listed(),
    });
    renderView(<CostPage />, '/dashboard/costs');

    const form = await editBudget();
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Prod monthly');
    expect((within(form).getByLabelText('Environment') as HTMLInputElement).value).toBe('prod');
    expect((within(form).getByLabelText('Thresholds (fractions of the amount)') as HTMLInputElement).value).toBe('0.8, 1');
    fill(form, 'Name', 'Prod weekly');
    fill(form, 'Amount', '250.5');
    fill(form, 'Currency (empty: the service\'s)', 'eur');
    fill(form, 'Period', 'weekly');
    fill(form, 'Thresholds (fractions of the amount)', '0.5, 0.9 1.2');
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit Prod monthly' })).toBeNull());
    const put = calls.filter((c) => c.method === 'PUT');
    expect(put.map((c) => c.path)).toEqual([BUDGET_PATH]);
    expect(put[0].body).toEqual({ name: 'Prod weekly', environment: 'prod', amount: 250.5, currency: 'EUR', period: 'weekly', thresholds: [0.5, 0.9, 1.2] });
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/budgets')).toHaveLength(2));
  });

  it("moves a budget to a provider: the input names the provider and no environment", async () => {
    signedInAs('operator');
    const calls = fakeGateway({ 'GET /api/budgets': [BUDGET], [`PUT ${BUDGET_PATH}`]: BUDGET, [LIST]: listed() });
    renderView(<CostPage />, '/dashboard/costs');

    const form = await editBudget();
    fill(form, 'For one', 'provider');
    fill(form, /^Provider/, 'aws');
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      name: 'Prod monthly', provider: 'aws', amount: 1000, currency: 'USD', period: 'monthly', thresholds: [0.8, 1],
    });
  });

  const CURRENCY_FAULT = 'must be a three-letter ISO 4217 code such as USD';
  it.each([
    { refused: 'a field', field: 'Currency (empty: the service\'s)', value: 'EU', reply: new Reply(400, invalidFields({ field: 'currency', message: CURRENCY_FAULT })),
      detail: `currency ${CURRENCY_FAULT}`, fieldFault: ['currency', CURRENCY_FAULT] },
    { refused: 'the whole input', field: 'Environment', value: 'nowhere', reply: refusal(400, "Environment 'nowhere' is not known to the portal"),
      detail: "Environment 'nowhere' is not known to the portal", fieldFault: null },
  ])("shows a refused edit's detail ($refused), any fault by its field, and keeps the form open", async ({ field, value, reply, detail, fieldFault }) => {
    signedInAs('operator');
    fakeGateway({ 'GET /api/budgets': [BUDGET], [`PUT ${BUDGET_PATH}`]: reply, [LIST]: listed() });
    renderView(<CostPage />, '/dashboard/costs');

    const form = await editBudget();
    fill(form, field, value);
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect((await within(form).findByRole('alert')).textContent).toContain(detail);
    const faults = [...form.querySelectorAll('[data-field-error]')].map((e) => [e.getAttribute('data-field-error'), e.textContent]);
    expect(faults).toEqual(fieldFault ? [fieldFault] : []);
    expect(screen.getByRole('form', { name: 'Edit Prod monthly' })).toBe(form);
  });

  it('refuses thresholds that are not numbers before sending anything', async () => {
    signedInAs('operator');
    const calls = fakeGateway({ 'GET /api/budgets': [BUDGET], [LIST]: listed() });
    renderView(<CostPage />, '/dashboard/costs');

    const form = await editBudget();
    fill(form, 'Thresholds (fractions of the amount)', '0.8, most');
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await within(form).findByText("'most' is not a number")).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('adds a budget with the same form, the defaults filled in', async () => {
    signedInAs('operator');
    const calls = fakeGateway({ 'GET /api/budgets': [], 'POST /api/budgets': new Reply(201, BUDGET), [LIST]: listed() });
    renderView(<CostPage />, '/dashboard/costs');
    await screen.findByText('No budget set.');

    const form = screen.getByRole('form', { name: 'Add a budget' });
    fill(form, 'Name', 'Prod monthly');
    fill(form, 'Environment', 'prod');
    fill(form, 'Amount', '1000');
    fireEvent.click(within(form).getByRole('button', { name: 'Add budget' }));

    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Prod monthly', environment: 'prod', amount: 1000, period: 'monthly', thresholds: [0.8, 1],
    });
    await waitFor(() => expect((within(screen.getByRole('form', { name: 'Add a budget' })).getByLabelText('Name') as HTMLInputElement).value).toBe(''));
  });
});
