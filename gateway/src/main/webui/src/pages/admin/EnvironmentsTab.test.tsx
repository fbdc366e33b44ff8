import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { fakeGateway, signedInAs } from '../../test-support';
import type { CatalogueStatus, Environment } from '../../api/types';
import { fill, gatewayRefusing, invalidFields, openAdmin } from './testing';

const PROD: Environment = {
  name: 'azure-weu-prod', displayName: 'Azure West Europe (production)', description: 'Primary production network in the EU.',
  provider: 'azure', type: 'cloud', regions: ['westeurope', 'northeurope'],
  regionPolicy: { allowed: ['westeurope', 'northeurope', 'francecentral'], denied: [] }, enabled: true,
  components: { 'besu-rpc': true, firefly: false, 'my-indexer': true },
  cluster: { apiServer: 'https://aks-weu-prod.example.internal:443', context: 'aks-weu-prod', namespace: 'blockchain', credentialsSecret: null },
  endpoints: { besuRpc: 'http://besu-rpc.example.internal:8545', besuMetrics: null, cacti: null, firefly: null, ccipRouter: null, prometheus: null },
  labels: { tier: 'production', team: 'platform' }, dryRun: true, updatedAt: '2026-11-20T10:00:00Z', updatedBy: 'ada',
};
const STATUS: CatalogueStatus = {
  file: 'config/environments.yaml', valid: true, checkedAt: '2026-11-25T01:00:00Z', errors: [],
  lastSync: { file: 'config/environments.yaml', created: [], updated: [], deleted: [], unchanged: 1 },
};
const VIEW = {
  'GET /api/environments?size=200': { items: [PROD], page: 0, size: 200, total: 1 },
  'GET /api/admin/environments/catalogue': STATUS,
};

/** Opens the add form with a name filled in. */
function startAdding(name: string): HTMLElement {
  fireEvent.click(screen.getByRole('button', { name: 'Add environment' }));
  const form = screen.getByRole('form', { name: 'Add an environment' });
  fill(form, /^Name \(/, name);
  return form;
}

const openEnvironments = () => openAdmin(null, 'Azure West Europe (production)');

describe('Admin environments tab', () => {
  it('adds an environment with the EnvironmentSpec the service validates', async () => {
    signedInAs('admin');
    const calls = fakeGateway({ ...VIEW, 'POST /api/admin/environments': PROD });
    await openEnvironments();

    const form = startAdding('gcp-euw4-staging');
    fill(form, 'Display name', 'GCP Netherlands (staging)');
    fireEvent.change(within(form).getByLabelText('Provider'), { target: { value: 'gcp' } });
    fill(form, /^Regions/, 'europe-west4, europe-west1');
    fill(form, /^Denied regions/, 'us-east1');
    fireEvent.click(within(form).getByLabelText('besu-rpc'));
    fill(form, /Namespace/, 'blockchain');
    fill(form, /^Labels/, 'tier=staging\n');
    fireEvent.click(within(form).getByRole('button', { name: 'Add environment' }));

    await screen.findByRole('button', { name: 'Add environment' });
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST', path: '/api/admin/environments', authorization: 'Bearer token-of-admin-user', contentType: 'application/json',
      body: {
        name: 'gcp-euw4-staging', displayName: 'GCP Netherlands (staging)', provider: 'gcp', type: 'cloud',
        regions: ['europe-west4', 'europe-west1'], regionPolicy: { allowed: [], denied: ['us-east1'] }, enabled: true,
        components: { 'besu-rpc': true }, cluster: { namespace: 'blockchain' }, labels: { tier: 'staging' },
      },
    });
  });

  it('edits an environment by replacing its whole declaration, keeping what the form did not touch', async () => {
    signedInAs('admin');
    const calls = fakeGateway({ ...VIEW, 'PUT /api/admin/environments/azure-weu-prod': PROD });
    await openEnvironments();

    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit azure-weu-prod' });
    expect((within(form).getByLabelText(/^Name \(/) as HTMLInputElement).disabled).toBe(true);
    fill(form, 'Display name', 'Azure West Europe (prod)');
    fireEvent.click(within(form).getByLabelText('firefly'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('button', { name: 'Add environment' });
    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      method: 'PUT', path: '/api/admin/environments/azure-weu-prod', authorization: 'Bearer token-of-admin-user', contentType: 'application/json',
      body: {
        name: 'azure-weu-prod', displayName: 'Azure West Europe (prod)', description: 'Primary production network in the EU.',
        provider: 'azure', type: 'cloud', regions: ['westeurope', 'northeurope'],
        regionPolicy: { allowed: ['westeurope', 'northeurope', 'francecentral'], denied: [] }, enabled: true,
        components: { 'besu-rpc': true, firefly: true, 'my-indexer': true },
        cluster: { apiServer: 'https://aks-weu-prod.example.internal:443', context: 'aks-weu-prod', namespace: 'blockchain' },
        endpoints: { besuRpc: 'http://besu-rpc.example.internal:8545' },
        labels: { tier: 'production', team: 'platform' },
      },
    });
  });

  it('shows a refused environment\'s detail and each fault next to its field', async () => {
    signedInAs('admin');
    const calls = gatewayRefusing(VIEW, {
      'POST /api/admin/environments': invalidFields(
        { field: 'cluster.apiServer', message: 'must be an http(s) URL' },
        { field: 'regions', message: "region 'us-east1' is denied by regionPolicy" }),
    });
    await openEnvironments();

    const form = startAdding('aws-use1-dev');
    fill(form, /^Regions/, 'us-east1');
    fill(form, /^Denied regions/, 'us-east1');
    fill(form, /API server URL/, 'ftp://cluster');
    fireEvent.click(within(form).getByRole('button', { name: 'Add environment' }));

    expect((await within(form).findByRole('alert')).textContent).toContain("regions region 'us-east1' is denied by regionPolicy");
    expect(form.querySelector('[data-field-error="regions"]')?.textContent).toBe("region 'us-east1' is denied by regionPolicy");
    expect(form.querySelector('[data-field-error="cluster.apiServer"]')?.textContent).toBe('must be an http(s) URL');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('catches a malformed label line before sending anything', async () => {
    signedInAs('admin');
    const calls = fakeGateway(VIEW);
    await openEnvironments();

    const form = startAdding('aws-use1-dev');
    fill(form, /^Regions/, 'us-east-1');
    fill(form, /^Labels/, 'tier=dev\nteam');
    fireEvent.click(within(form).getByRole('button', { name: 'Add environment' }));

    expect(await within(form).findByText('line 2 is not key=value')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('removes an environment only after the admin confirms', async () => {
    signedInAs('admin');
    const calls = fakeGateway({ ...VIEW, 'DELETE /api/admin/environments/azure-weu-prod': null });
    await openEnvironments();

    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));

    await screen.findByRole('button', { name: 'Remove' });
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/admin/environments/azure-weu-prod']);
  });

  it('reloads the catalogue file and says what changed', async () => {
    signedInAs('admin');
    const calls = fakeGateway({
      ...VIEW,
      'POST /api/admin/environments/reload': { file: 'config/environments.yaml', created: ['aws-use1-dev'], updated: [], deleted: ['old-lab'], unchanged: 4 },
    });
    await openEnvironments();

    fireEvent.click(screen.getByRole('button', { name: 'Reload catalogue' }));

    expect((await screen.findByText(/^Reloaded/)).textContent)
      .toBe('Reloaded config/environments.yaml: created aws-use1-dev; deleted old-lab (4 unchanged)');
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/api/admin/environments/reload', body: undefined });
  });

  it('lists every fault of a catalogue file the reload refused', async () => {
    signedInAs('admin');
    gatewayRefusing(VIEW, {
      'POST /api/admin/environments/reload': {
        status: 422, title: 'Invalid environment catalogue', detail: 'config/environments.yaml line 7, provider: must be one of azure, aws (and 1 more)',
        errors: [{ line: 7, field: 'provider', message: 'must be one of azure, aws' }, { line: 12, field: 'regions', message: 'must not be empty' }],
      } as never,
    });
    await openEnvironments();

    fireEvent.click(screen.getByRole('button', { name: 'Reload catalogue' }));

    expect((await screen.findByRole('alert')).textContent).toContain('line 7, provider: must be one of azure, aws (and 1 more)');
    expect(screen.getByTestId('catalogue-faults').textContent).toBe('provider: must be one of azure, aws\nregions: must not be empty');
  });

  it('shows the catalogue file\'s last load, with its faults', async () => {
    signedInAs('admin');
    fakeGateway({
      ...VIEW,
      'GET /api/admin/environments/catalogue': { ...STATUS, valid: false, errors: [{ line: 3, field: 'name', message: 'must not be blank' }] },
    });
    await openEnvironments();

    expect(await screen.findByText('config/environments.yaml')).toBeTruthy();
    expect(screen.getByText('invalid')).toBeTruthy();
    expect(screen.getByTestId('catalogue-faults').textContent).toBe('line 3, name: must not be blank');
  });
});
