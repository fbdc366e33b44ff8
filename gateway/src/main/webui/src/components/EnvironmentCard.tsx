import { Link } from 'react-router-dom';
import type { Environment } from '../api/types';
import { DemoBadge, StatusBadge } from './Badges';

/** One environment on the dashboard: its state, its live health and where it runs. */
export function EnvironmentCard({ environment, health, healthSource }: {
  environment: Environment;
  health?: string;
  healthSource?: string;
}) {
  const components = Object.entries(environment.components ?? {}).filter(([, on]) => on).map(([name]) => name);
  return (
    <Link to={`/environments/${encodeURIComponent(environment.name)}`} data-environment={environment.name}
      className="block rounded-lg border border-slate-800 bg-slate-900 p-3 hover:border-sky-700">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <div className="truncate font-medium text-slate-100">{environment.displayName || environment.name}</div>
          <div className="truncate font-mono text-xs text-slate-500">{environment.name}</div>
        </div>
        <span data-testid="enabled-state">
          <StatusBadge status={environment.enabled ? 'enabled' : 'disabled'} />
        </span>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-slate-400">
        <StatusBadge status={health ?? 'unknown'} label={`health: ${health ?? 'unknown'}`} />
        <DemoBadge source={healthSource} />
        {environment.dryRun && <StatusBadge status="info" label="dry run" />}
        <span>{environment.type}</span>
        <span>· {environment.regions.join(', ')}</span>
      </div>
      {components.length > 0 && <div className="mt-1 truncate text-xs text-slate-500">{components.join(' · ')}</div>}
    </Link>
  );
}
