import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks';
import type { Alert, Deployment, MonitoringDashboard, ProviderGroups, ResultPage } from '../api/types';
import { Card, MetricCard, PageTitle } from '../components/Card';
import { QueryView } from '../components/States';
import { EnvironmentCard } from '../components/EnvironmentCard';
import { DeploymentTable } from '../components/DeploymentTable';
import { AlertList } from '../components/AlertList';

export function DashboardPage() {
  const groups = useApi<ProviderGroups>(['environments', 'grouped'], '/api/environments?groupBy=provider');
  const monitoring = useApi<MonitoringDashboard>(['monitoring', 'dashboard'], '/api/monitoring/dashboard');
  const deployments = useApi<ResultPage<Deployment>>(['deployments', 'recent'], '/api/deployments?size=8');
  const alerts = useApi<ResultPage<Alert>>(['alerts', 'active'], '/api/alerts?status=firing&size=8');
  const healthOf = (name: string) => monitoring.data?.environments.find((env) => env.environment === name);

  return (
    <div className="space-y-4">
      <PageTitle>Dashboard</PageTitle>
      <QueryView query={groups} what="environments" isEmpty={(data) => data.total === 0}
        empty="No environments in the catalogue yet: an admin adds them in config/environments.yaml or the admin API.">
        {(data) => (
          <>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
              <MetricCard label="Environments" value={<span data-testid="stat-total">{data.total}</span>} />
              <MetricCard label="Enabled" value={<span data-testid="stat-enabled">{data.enabled}</span>} />
              <MetricCard label="Providers" value={data.providers} />
              <MetricCard label="Active alerts" value={alerts.data?.total ?? '…'} />
            </div>
            {data.groups.map((group) => (
              <Card key={group.provider} title={<span>{group.provider.toUpperCase()} <span className="text-xs font-normal text-slate-500">{group.enabled}/{group.total} enabled</span></span>}>
                <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
                  {group.environments.map((env) => (
                    <EnvironmentCard key={env.name} environment={env} health={healthOf(env.name)?.health}
                      healthSource={healthOf(env.name)?.source} />
                  ))}
                </div>
              </Card>
            ))}
          </>
        )}
      </QueryView>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Card title="Recent deployments">
          <QueryView query={deployments} what="deployments" isEmpty={(page) => page.items.length === 0}>
            {(page) => <DeploymentTable deployments={page.items} />}
          </QueryView>
        </Card>
        <Card title="Active alerts" actions={<Link to="/alerts" className="text-xs text-sky-400 hover:underline">All alerts</Link>}>
          <QueryView query={alerts} what="active alerts" isEmpty={(page) => page.items.length === 0} empty="No alert is firing.">
            {(page) => <AlertList alerts={page.items} />}
          </QueryView>
        </Card>
      </div>
    </div>
  );
}
