import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { DeploymentPage } from './DeploymentPage';
import { LiveFeedProvider } from '../live/LiveFeed';
import { Reply, fakeGateway, refusal, renderView, signedInAs } from '../test-support';
import type { Deployment, LogPage } from '../api/types';

const COMPLETED: Deployment = {
  id: '11111111-1111-1111-1111-111111111111', environment: 'local-devnet', version: '2.0.0', strategy: 'rolling',
  status: 'completed', dryRun: true, requestedBy: 'olivia', progress: 100, rollingBack: false,
  createdAt: '2026-11-25T01:00:00Z', completedAt: '2026-11-25T01:02:00Z',
};
const ROLLBACK: Deployment = {
  ...COMPLETED, id: '22222222-2222-2222-2222-222222222222', version: '1.9.0', status: 'queued', progress: 0,
  completedAt: null, rollbackOf: COMPLETED.id,
};
const noLines = (d: Deployment): LogPage => ({ deploymentId: d.id, lines: [], next: 0, status: d.status });

/** The routes of one deployment: its record and its (empty) log. */
const routesOf = (d: Deployment) => ({
  [`GET /api/deployments/${d.id}`]: d,
  [`GET /api/deployments/${d.id}/logs?after=0&size=500`]: noLines(d),
});

function renderDeployment(id: string) {
  return renderView(
    <LiveFeedProvider token={null}>
      <Routes><Route path="/deployments/:id" element={<DeploymentPage />} /></Routes>
    </LiveFeedProvider>,
    `/deployments/${id}`,
  );
}

describe('DeploymentPage rollback', () => {
  it('rolls back a completed deployment after a confirmation and opens the deployment that does it', async () => {
    signedInAs('operator', 'olivia');
    const calls = fakeGateway({
      ...routesOf(COMPLETED), ...routesOf(ROLLBACK),
      [`POST /api/deployments/${COMPLETED.id}/rollback`]: new Reply(202, ROLLBACK),
    });
    renderDeployment(COMPLETED.id);

    fireEvent.click(await screen.findByRole('button', { name: 'Roll back' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm rollback' }));

    expect(await screen.findByText(/Deployment 1\.9\.0 to/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '11111111' }).getAttribute('href')).toBe(`/deployments/${COMPLETED.id}`);
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe(`/api/deployments/${COMPLETED.id}/rollback`);
    expect(post?.authorization).toBe('Bearer token-of-olivia');
  });

  it('shows a running deployment rolled back in place', async () => {
    signedInAs('operator');
    let current: Deployment = { ...COMPLETED, status: 'deploying', progress: 40, completedAt: null };
    fakeGateway({
      ...routesOf(current),
      [`GET /api/deployments/${current.id}`]: () => current,
      [`POST /api/deployments/${current.id}/rollback`]: () => {
        current = { ...current, status: 'rolled_back', error: 'Rolled back by operator-user at step 3 of 5' };
        return current;
      },
    });
    renderDeployment(current.id);

    fireEvent.click(await screen.findByRole('button', { name: 'Roll back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm rollback' }));

    expect(await screen.findByText('Rolled back by operator-user at step 3 of 5')).toBeTruthy();
    expect(screen.getByTestId('deployment-status').textContent).toBe('rolled back');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Roll back' })).toBeNull());
  });

  it("shows the service's reason when it refuses the rollback", async () => {
    signedInAs('operator');
    fakeGateway({
      ...routesOf(COMPLETED),
      [`POST /api/deployments/${COMPLETED.id}/rollback`]: refusal(409, "No earlier completed deployment on 'local-devnet': there is no version to roll back to"),
    });
    renderDeployment(COMPLETED.id);

    fireEvent.click(await screen.findByRole('button', { name: 'Roll back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm rollback' }));

    expect((await screen.findByRole('alert')).textContent).toContain("No earlier completed deployment on 'local-devnet'");
  });

  it('offers no rollback of a failed deployment, which the service refuses', async () => {
    signedInAs('operator');
    fakeGateway(routesOf({ ...COMPLETED, status: 'failed' }));
    renderDeployment(COMPLETED.id);
    expect(await screen.findByText(/Deployment 2\.0\.0 to/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Roll back' })).toBeNull();
  });

  it('offers a viewer neither rollback nor abort', async () => {
    signedInAs('viewer');
    fakeGateway(routesOf({ ...COMPLETED, status: 'deploying', completedAt: null }));
    renderDeployment(COMPLETED.id);
    expect(await screen.findByText(/Deployment 2\.0\.0 to/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Roll back' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Abort' })).toBeNull();
  });
});
