import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { EnvironmentCard } from './EnvironmentCard';
import type { Environment } from '../api/types';

const ENV: Environment = {
  name: 'gcp-euw4-staging', displayName: 'GCP Netherlands (staging)', provider: 'gcp', type: 'cloud', regions: ['europe-west4'],
  enabled: false, components: { besu: true, firefly: false }, dryRun: true,
};

describe('EnvironmentCard', () => {
  it('shows state, health, and labels demo health as demo data', () => {
    render(<MemoryRouter><EnvironmentCard environment={ENV} health="degraded" healthSource="demo" /></MemoryRouter>);

    expect(screen.getByTestId('enabled-state').textContent).toBe('disabled');
    expect(screen.getByText('health: degraded')).toBeTruthy();
    expect(screen.getByText('demo data')).toBeTruthy();
    expect(screen.getByRole('link').getAttribute('href')).toBe('/environments/gcp-euw4-staging');
  });

  it('labels nothing as demo when the health was measured', () => {
    render(<MemoryRouter><EnvironmentCard environment={{ ...ENV, enabled: true }} health="healthy" healthSource="live" /></MemoryRouter>);

    expect(screen.getByTestId('enabled-state').textContent).toBe('enabled');
    expect(screen.queryByText('demo data')).toBeNull();
  });
});
