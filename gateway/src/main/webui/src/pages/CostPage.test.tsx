import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { CostPage } from './CostPage';
import { CostImportCard } from '../components/CostImportCard';
import { Reply, fakeGateway, refusal, renderView, signedInAs } from '../test-support';
import type { ImportReport } from '../api/types';

const CSV = 'BilledCost,BillingCurrency,ChargePeriodStart\n12.5,USD,2026-11-01T00:00:00Z\nabc,USD,2026-11-01T00:00:00Z\n';
const REPORT: ImportReport = {
  id: '33333333-3333-3333-3333-333333333333', status: 'completed', onError: 'import', firstDay: '2026-11-01', lastDay: '2026-11-01',
  providers: ['aws'], rowsRead: 2, rowsImported: 1, rowsRejected: 1, rowsUnallocated: 0, rowsReplaced: 4,
  errors: [{ line: 3, reason: "BilledCost 'abc' is not a number" }], errorsTruncated: false, importedBy: 'olivia',
  createdAt: '2026-11-25T01:00:00Z', completedAt: '2026-11-25T01:00:01Z',
};

function chooseFile(name = 'november.csv') {
  fireEvent.change(screen.getByLabelText('FOCUS 1.x CSV (plain or .gz)'), { target: { files: [new File([CSV], name, { type: 'text/csv' })] } });
}

describe('FOCUS import', () => {
  it('uploads the chosen file as the multipart part "file" and shows what the import did', async () => {
    signedInAs('operator', 'olivia');
    const calls = fakeGateway({
      'POST /api/costs/imports?onError=import': new Reply(201, REPORT),
      [`GET /api/costs/imports/${REPORT.id}`]: { ...REPORT, importedBy: 'olivia (stored)' },
    });
    renderView(<CostImportCard />);

    chooseFile();
    fireEvent.change(screen.getByLabelText('When a row is invalid'), { target: { value: 'import' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    const shown = await screen.findByTestId(`import-${REPORT.id}`);
    expect(within(shown).getByText('imported').nextSibling?.textContent).toBe('1');
    expect(within(shown).getByText('refused').nextSibling?.textContent).toBe('1');
    expect(within(shown).getByText("BilledCost 'abc' is not a number")).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.authorization).toBe('Bearer token-of-olivia');
    expect(post?.contentType).toBeUndefined();
    const sent = post?.form?.get('file') as File;
    expect(sent.name).toBe('november.csv');
    expect(await sent.text()).toBe(CSV);

    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    expect(await screen.findByText(/by olivia \(stored\)/)).toBeTruthy();
    expect(calls.map((c) => c.path)).toContain(`/api/costs/imports/${REPORT.id}`);
  });

  it("shows a refused file's detail and its bad lines, and remembers the rejected import", async () => {
    signedInAs('operator');
    fakeGateway({
      'POST /api/costs/imports?onError=reject': refusal(422, '1 of 2 rows are invalid and onError=reject: nothing was imported', {
        importId: REPORT.id, rowsRead: 2, rowsRejected: 1, errors: [{ line: 3, reason: "BilledCost 'abc' is not a number" }], errorsTruncated: false,
      }),
    });
    renderView(<CostImportCard />);

    chooseFile('bad.csv');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    expect((await screen.findByRole('alert')).textContent).toContain('1 of 2 rows are invalid and onError=reject: nothing was imported');
    const lines = screen.getByRole('table', { name: 'Refused lines' });
    expect(within(lines).getByText('3')).toBeTruthy();
    expect(within(lines).getByText("BilledCost 'abc' is not a number")).toBeTruthy();
    expect(screen.getByText('bad.csv')).toBeTruthy();
  });

  it('imports nothing until a file is chosen', () => {
    signedInAs('operator');
    const calls = fakeGateway({});
    renderView(<CostImportCard />);
    expect((screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls).toHaveLength(0);
  });
});

describe('CostPage', () => {
  it('offers a viewer neither the import nor budget changes', async () => {
    signedInAs('viewer');
    fakeGateway({ 'GET /api/budgets': [] });
    renderView(<CostPage />, '/dashboard/costs');

    expect(await screen.findByText('No budget set.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add budget' })).toBeNull();
  });

  it('offers an operator the import', async () => {
    signedInAs('operator');
    fakeGateway({ 'GET /api/budgets': [] });
    renderView(<CostPage />, '/dashboard/costs');

    expect(await screen.findByText('No budget set.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import' })).toBeTruthy();
  });
});
