import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { EnvironmentPage } from './EnvironmentPage';
import { fakeGateway, refusal, renderView, signedInAs } from '../test-support';
import type { CostSummary, CostView, Environment, HealthReport, ResultPage } from '../api/types';

const ENV: Environment = {
  name: 'local-devnet', displayName: 'Local devnet', provider: 'local', type: 'development', regions: ['local'],
  enabled: true, components: { besu: true }, dryRun: true,
};
const page = <T,>(items: T[]): ResultPage<T> => ({ items, page: 0, size: 5, total: items.length });
const REPORT: HealthReport = {
  environment: 'local-devnet', color: null, healthy: false, checkedAt: '2026-11-25T01:00:00Z',
  checks: [
    { name: 'JSON-RPC answers', passed: true, skipped: false, detail: 'http://127.0.0.1:8545 answers: chain id 31337' },
    { name: 'block number advancing', passed: false, skipped: false, detail: 'block number stayed at 12 for 5 s' },
    { name: 'pods ready', passed: false, skipped: true, detail: 'dry-run environment: no cluster to check' },
  ],
};
const SUMMARY: CostSummary = {
  from: '2026-10-27', to: '2026-11-25', currency: 'USD', total: 1234.5, byProvider: { local: 1234.5 },
  byEnvironment: { 'local-devnet': 1234.5 }, byResourceType: { compute: 1000, storage: 234.5 }, byServiceCategory: {},
};
const CHARGE: CostView = {
  id: 7, environment: 'local-devnet', unallocated: false, provider: 'aws', resourceType: 'compute', period: 'daily',
  date: '2026-11-24', amount: 41.25, currency: 'EUR', source: 'import',
};
const COST_ROUTES = {
  'GET /api/costs/summary?environment=local-devnet&days=30': SUMMARY,
  'GET /api/environments/local-devnet/costs?days=30&size=5': page([CHARGE]),
};

function renderEnvironment() {
  return renderView(<Routes><Route path="/environments/:name" element={<EnvironmentPage />} /></Routes>, '/environments/local-devnet');
}

describe('EnvironmentPage operations', () => {
  it('runs a health check for an operator and shows every check with its detail and the verdict', async () => {
    signedInAs('operator', 'olivia');
    const calls = fakeGateway({ 'GET /api/environments/local-devnet': ENV, ...COST_ROUTES,
      'POST /api/environments/local-devnet/health-check': REPORT });
    renderEnvironment();

    fireEvent.click(await screen.findByRole('button', { name: 'Run health check' }));

    expect((await screen.findByTestId('health-verdict')).textContent).toContain('unhealthy');
    const advancing = document.querySelector('[data-check="block number advancing"]') as HTMLElement;
    expect(within(advancing).getByText('failed')).toBeTruthy();
    expect(within(advancing).getByText('block number stayed at 12 for 5 s')).toBeTruthy();
    const pods = document.querySelector('[data-check="pods ready"]') as HTMLElement;
    expect(within(pods).getByText('skipped')).toBeTruthy();
    expect(screen.getByText('http://127.0.0.1:8545 answers: chain id 31337')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/environments/local-devnet/health-check');
    expect(post?.authorization).toBe('Bearer token-of-olivia');
  });

  it("shows the service's reason when it cannot health-check the environment", async () => {
    signedInAs('operator');
    fakeGateway({ 'GET /api/environments/local-devnet': ENV, ...COST_ROUTES,
      'POST /api/environments/local-devnet/health-check': refusal(422, "Environment 'local-devnet' has no besuRpc endpoint") });
    renderEnvironment();

    fireEvent.click(await screen.findByRole('button', { name: 'Run health check' }));

    const card = screen.getByRole('heading', { name: 'Health check' }).closest('section') as HTMLElement;
    expect((await within(card).findByRole('alert')).textContent).toContain("Environment 'local-devnet' has no besuRpc endpoint");
  });

  it("shows the environment's cost of the last 30 days and its latest charges", async () => {
    signedInAs('viewer');
    const calls = fakeGateway({ 'GET /api/environments/local-devnet': ENV, ...COST_ROUTES });
    renderEnvironment();

    expect((await screen.findByTestId('environment-cost')).textContent).toMatch(/1,234\.50/);
    expect(await screen.findByText('2026-11-24')).toBeTruthy();
    expect(screen.getByText(/41\.25/).textContent).toMatch(/€/);
    expect(calls.map((c) => c.path)).toContain('/api/environments/local-devnet/costs?days=30&size=5');
  });

  it('says so when the environment has no cost', async () => {
    signedInAs('viewer');
    fakeGateway({ 'GET /api/environments/local-devnet': ENV,
      'GET /api/costs/summary?environment=local-devnet&days=30': { ...SUMMARY, total: 0, byResourceType: {} },
      'GET /api/environments/local-devnet/costs?days=30&size=5': page([]) });
    renderEnvironment();

    expect(await screen.findByText('No cost recorded for local-devnet in the last 30 days.')).toBeTruthy();
  });

  it('offers a viewer no health check', async () => {
    signedInAs('viewer');
    fakeGateway({ 'GET /api/environments/local-devnet': ENV, ...COST_ROUTES });
    renderEnvironment();

    expect(await screen.findByText('Local devnet')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Run health check' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Deploy' })).toBeNull();
  });
});
