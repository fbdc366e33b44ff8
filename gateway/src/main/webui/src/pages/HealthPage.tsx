import { Link } from 'react-router-dom';
import { useApi, useCatalogue } from '../api/hooks';
import type { MonitoringDashboard, ServiceStatus } from '../api/types';
import { Card, MetricCard, PageTitle } from '../components/Card';
import { QueryView } from '../components/States';
import { DemoBadge, StatusBadge } from '../components/Badges';
import { BarChart } from '../components/ChartBox';
import { formatNumber } from '../components/format';

/** "3d 4h" from seconds. */
export function formatUptime(seconds?: number): string {
  if (seconds === undefined || Number.isNaN(seconds)) {
    return '—';
  }
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return days > 0 ? `${days}d ${hours}h` : hours > 0 ? `${hours}h ${minutes}m` : `${minutes}m`;
}

function ratio(ready?: number, notReady?: number): string {
  if (ready === undefined) {
    return '—';
  }
  return `${formatNumber(ready, 0)} / ${formatNumber(ready + (notReady ?? 0), 0)}`;
}

const percent = (value?: number) => (value === undefined ? undefined : value <= 1 ? value * 100 : value);

/** Cross-environment health: overall state, the cluster's nodes and pods, utilisation and uptime. */
export function HealthPage() {
  const dashboard = useApi<MonitoringDashboard>(['monitoring', 'dashboard'], '/api/monitoring/dashboard');
  const clusters = useApi<ServiceStatus[]>(['monitoring', 'cluster'], '/api/monitoring/cluster');
  const inCatalogue = useCatalogue();
  return (
    <div className="space-y-4">
      <PageTitle>Health</PageTitle>
      <QueryView query={dashboard} what="environment health" isEmpty={(d) => d.environments.length === 0}
        empty="No environment is monitored yet.">
        {(all) => {
          const d = { ...all, environments: all.environments.filter((env) => inCatalogue(env.environment)) };
          const clusterOf = (name: string) => clusters.data?.find((c) => c.environment === name);
          const measured = d.environments.map((env) => ({ env, cluster: clusterOf(env.environment) }))
            .filter(({ cluster }) => cluster && Object.keys(cluster.values).length > 0);
          const count = (health: string) => d.environments.filter((env) => env.health === health).length;
          return (
            <>
              <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
                <MetricCard label="Healthy environments" value={count('healthy')} />
                <MetricCard label="Degraded" value={count('degraded')} />
                <MetricCard label="Unhealthy" value={count('unhealthy')} />
                <MetricCard label="Unknown" value={count('unknown')} />
              </div>
              {measured.length > 0 && (
                <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
                  <Card title="CPU utilisation (%)">
                    <BarChart label="CPU utilisation by environment" horizontal labels={measured.map(({ env }) => env.environment)}
                      values={measured.map(({ cluster }) => percent(cluster!.values.cpuUtilisation) ?? 0)} />
                  </Card>
                  <Card title="Memory utilisation (%)">
                    <BarChart label="Memory utilisation by environment" horizontal labels={measured.map(({ env }) => env.environment)}
                      values={measured.map(({ cluster }) => percent(cluster!.values.memoryUtilisation) ?? 0)} />
                  </Card>
                </div>
              )}
              <Card title="Environments compared">
                <div className="overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <thead className="text-xs uppercase text-slate-500">
                      <tr><th className="py-1">Environment</th><th>Overall</th><th>Cluster</th><th>Nodes ready</th><th>Pods ready</th>
                        <th>CPU</th><th>Memory</th><th>Uptime</th></tr>
                    </thead>
                    <tbody>
                      {d.environments.map((env) => {
                        const cluster = clusterOf(env.environment);
                        const v = cluster?.values ?? {};
                        return (
                          <tr key={env.environment} className="border-t border-slate-800">
                            <td className="py-1"><Link className="hover:underline" to={`/environments/${env.environment}`}>{env.environment}</Link> <DemoBadge source={cluster?.source ?? env.source} /></td>
                            <td><StatusBadge status={env.health} /></td>
                            <td>{cluster ? <StatusBadge status={cluster.health} /> : '—'}</td>
                            <td>{ratio(v.nodesReady, v.nodesNotReady)}</td>
                            <td>{ratio(v.podsReady, v.podsNotReady)}</td>
                            <td>{v.cpuUtilisation === undefined ? '—' : `${formatNumber(percent(v.cpuUtilisation), 1)}%`}</td>
                            <td>{v.memoryUtilisation === undefined ? '—' : `${formatNumber(percent(v.memoryUtilisation), 1)}%`}</td>
                            <td>{formatUptime(v.uptimeSeconds)}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </Card>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
