import { Link } from 'react-router-dom';
import { useApi, useCatalogue } from '../api/hooks';
import type { MonitoringDashboard } from '../api/types';
import { Card, MetricCard, PageTitle } from '../components/Card';
import { QueryView } from '../components/States';
import { DemoBadge, StatusBadge } from '../components/Badges';
import { DoughnutChart } from '../components/ChartBox';
import { formatTime } from '../components/format';

export const SERVICE_TYPES = [
  { id: 'besu', label: 'Besu' },
  { id: 'cacti', label: 'Cacti' },
  { id: 'firefly', label: 'FireFly' },
  { id: 'chainlink-ccip', label: 'Chainlink CCIP' },
];
const HEALTH_COLOURS: Record<string, string> = { healthy: '#34d399', degraded: '#fbbf24', unhealthy: '#f87171', unknown: '#64748b' };

export function MonitoringPage() {
  const dashboard = useApi<MonitoringDashboard>(['monitoring', 'dashboard'], '/api/monitoring/dashboard');
  const inCatalogue = useCatalogue();
  return (
    <div className="space-y-4">
      <PageTitle aside={<span className="flex gap-2 text-sm">{SERVICE_TYPES.map((t) => (
        <Link key={t.id} to={`/monitoring/${t.id}`} className="rounded border border-slate-700 px-2 py-1 hover:bg-slate-800">{t.label}</Link>
      ))}</span>}>Monitoring</PageTitle>
      <QueryView query={dashboard} what="monitoring" isEmpty={(d) => d.environments.length === 0}
        empty="No environment is monitored yet.">
        {(d) => {
          const health = Object.entries(d.servicesByHealth);
          const environments = d.environments.filter((env) => inCatalogue(env.environment));
          return (
            <>
              <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
                <MetricCard label="Environments" value={environments.length} hint={`as of ${formatTime(d.generatedAt)}`} />
                {health.map(([state, count]) => <MetricCard key={state} label={`${state} services`} value={count} />)}
              </div>
              <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
                <Card title="Services by health">
                  <DoughnutChart label="Services by health" labels={health.map(([s]) => s)} values={health.map(([, c]) => c)}
                    colors={health.map(([s]) => HEALTH_COLOURS[s] ?? '#94a3b8')} />
                </Card>
                <Card title="Environments" className="xl:col-span-2">
                  <div className="max-h-96 overflow-auto">
                    <table className="w-full text-left text-sm">
                      <thead className="text-xs uppercase text-slate-500">
                        <tr><th className="py-1">Environment</th><th>Overall</th>{SERVICE_TYPES.map((t) => <th key={t.id}>{t.label}</th>)}</tr>
                      </thead>
                      <tbody>
                        {environments.map((env) => (
                          <tr key={env.environment} className="border-t border-slate-800">
                            <td className="py-1"><Link className="hover:underline" to={`/environments/${env.environment}`}>{env.environment}</Link> <DemoBadge source={env.source} /></td>
                            <td><StatusBadge status={env.health} /></td>
                            {SERVICE_TYPES.map((t) => {
                              const service = env.services.find((s) => s.serviceType === t.id);
                              return <td key={t.id}>{service ? <StatusBadge status={service.health} /> : <span className="text-xs text-slate-600">—</span>}</td>;
                            })}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </Card>
              </div>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
