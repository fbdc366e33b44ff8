import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useApi, useApiMutation } from '../api/hooks';
import { query } from '../api/client';
import type { Alert, Deployment, Environment, EnvironmentHealth, EnvironmentStatus, ResultPage } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Card, PageTitle, buttonClass, secondaryButtonClass } from '../components/Card';
import { DemoBadge, ProgressBar, StatusBadge } from '../components/Badges';
import { ErrorState, QueryView } from '../components/States';
import { DeploymentTable } from '../components/DeploymentTable';
import { DeployDialog } from '../components/DeployDialog';
import { AlertList } from '../components/AlertList';
import { ServiceHealthCard } from '../components/ServiceHealthCard';
import { HealthCheckCard } from '../components/HealthCheckCard';
import { EnvironmentCostCard } from '../components/EnvironmentCostCard';

export function EnvironmentPage() {
  const { name = '' } = useParams();
  const { can } = useAuth();
  const [deploying, setDeploying] = useState(false);
  const encoded = encodeURIComponent(name);
  const environment = useApi<Environment>(['environments', name], `/api/environments/${encoded}`);
  const status = useApi<EnvironmentStatus>(['status', name], `/api/environments/${encoded}/status`);
  const history = useApi<ResultPage<Deployment>>(['deployments', 'of', name], `/api/deployments${query({ environment: name, size: 20 })}`);
  const health = useApi<EnvironmentHealth>(['monitoring', 'environment', name], `/api/monitoring/environments/${encoded}/health`);
  const alerts = useApi<ResultPage<Alert>>(['alerts', 'of', name], `/api/environments/${encoded}/alerts?status=firing&size=10`);
  const collect = useApiMutation<void, EnvironmentHealth>(
    () => ({ method: 'POST', path: `/api/monitoring/environments/${encoded}/collect` }), ['monitoring']);
  const active = status.data?.active;

  return (
    <QueryView query={environment} what={`environment ${name}`}>
      {(env) => (
        <div className="space-y-4">
          <PageTitle aside={can('operator') && (
            <button type="button" className={buttonClass} disabled={!env.enabled || Boolean(active)} onClick={() => setDeploying(true)}
              title={!env.enabled ? 'The environment is disabled' : active ? 'A deployment is in progress' : undefined}>
              Deploy
            </button>
          )}>
            {env.displayName || env.name} <span className="ml-2 font-mono text-sm text-slate-500">{env.name}</span>
          </PageTitle>
          {deploying && <DeployDialog environment={env.name} dryRun={env.dryRun} onClose={() => setDeploying(false)} />}
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
            <Card title="Overview">
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-500">State</dt><dd><StatusBadge status={env.enabled ? 'enabled' : 'disabled'} /></dd>
                <dt className="text-slate-500">Provider</dt><dd>{env.provider}</dd>
                <dt className="text-slate-500">Type</dt><dd>{env.type}</dd>
                <dt className="text-slate-500">Regions</dt><dd>{env.regions.join(', ')}</dd>
                <dt className="text-slate-500">Mode</dt><dd>{env.dryRun ? 'dry run (no cluster credentials)' : 'live cluster'}</dd>
                {env.description && <><dt className="text-slate-500">About</dt><dd>{env.description}</dd></>}
              </dl>
            </Card>
            <Card title="Components">
              <ul className="space-y-1 text-sm">
                {Object.entries(env.components ?? {}).map(([component, on]) => (
                  <li key={component} className="flex justify-between"><span>{component}</span>
                    <StatusBadge status={on ? 'enabled' : 'disabled'} /></li>
                ))}
              </ul>
            </Card>
            <Card title="Current deployment">
              <QueryView query={status} what="deployment status">
                {(s) => (s.active ? (
                  <div className="space-y-2 text-sm">
                    <div><Link className="text-sky-400 hover:underline" to={`/deployments/${s.active.id}`}>{s.active.version}</Link>
                      {' '}({s.active.strategy}) <StatusBadge status={s.active.status} /></div>
                    <ProgressBar value={s.active.progress} label="deployment progress" />
                    <div className="text-xs text-slate-400">{s.active.currentStep}</div>
                  </div>
                ) : (
                  <p className="text-sm text-slate-400">Nothing is deploying. {s.latest
                    ? <>Last: <Link className="text-sky-400 hover:underline" to={`/deployments/${s.latest.id}`}>{s.latest.version}</Link> <StatusBadge status={s.latest.status} /></>
                    : 'No deployment yet.'}</p>
                ))}
              </QueryView>
            </Card>
          </div>
          <Card title={<span>Services <DemoBadge source={health.data?.source} /></span>} actions={can('operator') && (
            <button type="button" className={secondaryButtonClass} disabled={collect.isPending} onClick={() => collect.mutate()}>
              {collect.isPending ? 'Collecting…' : 'Collect now'}
            </button>
          )}>
            {collect.isError && <ErrorState error={collect.error} />}
            <QueryView query={health} what="service health" isEmpty={(h) => h.services.length === 0}
              empty="No service status collected for this environment yet.">
              {(h) => (
                <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
                  {h.services.map((service) => <ServiceHealthCard key={`${service.serviceType}/${service.serviceName}`} service={service} />)}
                </div>
              )}
            </QueryView>
          </Card>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {can('operator') && <HealthCheckCard environment={env.name} />}
            <EnvironmentCostCard environment={env.name} />
          </div>
          <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
            <Card title="Deployment history">
              <QueryView query={history} what="deployments" isEmpty={(page) => page.items.length === 0}>
                {(page) => <DeploymentTable deployments={page.items} showEnvironment={false} />}
              </QueryView>
            </Card>
            <Card title="Firing alerts">
              <QueryView query={alerts} what="alerts" isEmpty={(page) => page.items.length === 0} empty="No alert is firing here.">
                {(page) => <AlertList alerts={page.items} />}
              </QueryView>
            </Card>
          </div>
        </div>
      )}
    </QueryView>
  );
}
