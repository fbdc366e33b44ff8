import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useApi, useCatalogue } from '../api/hooks';
import type { MetricsRange, ServiceStatus } from '../api/types';
import { Card, MetricCard, PageTitle, inputClass } from '../components/Card';
import { QueryView } from '../components/States';
import { DemoBadge } from '../components/Badges';
import { LineChart } from '../components/ChartBox';
import { ServiceHealthCard } from '../components/ServiceHealthCard';
import { humanize } from '../components/format';
import { SERVICE_TYPES } from './MonitoringPage';
import { NotFoundPage } from './NotFoundPage';

const RANGES = ['1h', '24h', '7d'];

/** One service type (Besu, Cacti, FireFly, Chainlink CCIP) across every environment, with one environment's charts. */
export function ServiceMonitoringPage() {
  const { type = '' } = useParams();
  const kind = SERVICE_TYPES.find((t) => t.id === type);
  const statuses = useApi<ServiceStatus[]>(['monitoring', type], `/api/monitoring/${type}`, { enabled: Boolean(kind) });
  const inCatalogue = useCatalogue();
  const [chosen, setChosen] = useState('');
  const [range, setRange] = useState('24h');
  if (!kind) {
    return <NotFoundPage />;
  }
  return (
    <div className="space-y-4">
      <PageTitle>{kind.label} monitoring</PageTitle>
      <QueryView query={statuses} what={`${kind.label} services`} isEmpty={(list) => list.length === 0}
        empty={`No environment runs ${kind.label} yet.`}>
        {(all) => {
          const list = all.filter((s) => inCatalogue(s.environment));
          if (list.length === 0) {
            return <p className="text-sm italic text-slate-500">No environment of the catalogue runs {kind.label}.</p>;
          }
          const environment = chosen || list.find((s) => s.source === 'demo')?.environment || list[0].environment;
          const count = (health: string) => list.filter((s) => s.health === health).length;
          return (
            <>
              <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
                <MetricCard label="Instances" value={list.length} />
                <MetricCard label="Healthy" value={count('healthy')} />
                <MetricCard label="Degraded" value={count('degraded')} />
                <MetricCard label="Unhealthy" value={count('unhealthy')} />
              </div>
              <Card title="Metrics" actions={
                <>
                  <select aria-label="Environment" className={inputClass} value={environment} onChange={(e) => setChosen(e.target.value)}>
                    {[...new Set(list.map((s) => s.environment))].map((name) => <option key={name} value={name}>{name}</option>)}
                  </select>
                  <select aria-label="Range" className={inputClass} value={range} onChange={(e) => setRange(e.target.value)}>
                    {RANGES.map((r) => <option key={r} value={r}>last {r}</option>)}
                  </select>
                </>
              }>
                <MetricCharts environment={environment} type={type} range={range} />
              </Card>
              <Card title="Instances">
                <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
                  {list.map((s) => <ServiceHealthCard key={`${s.environment}/${s.serviceName}`} service={s} showEnvironment />)}
                </div>
              </Card>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function MetricCharts({ environment, type, range }: { environment: string; type: string; range: string }) {
  const path = `/api/environments/${encodeURIComponent(environment)}/metrics?service=${type}&range=${range}`;
  const metrics = useApi<MetricsRange>(['monitoring', 'metrics', path], path);
  return (
    <QueryView query={metrics} what="metrics" isEmpty={(m) => m.series.length === 0}
      empty={`No ${type} samples for ${environment} in the last ${range}.`}>
      {(m) => (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {m.series.map((series) => (
            <div key={`${series.serviceName}/${series.metric}`} className="rounded border border-slate-800 p-2"
              data-metric={series.metric} data-source={series.source}>
              <div className="mb-1 flex items-center justify-between text-xs text-slate-400">
                <span>{humanize(series.metric)} <span className="text-slate-600">({series.serviceName})</span></span>
                <DemoBadge source={series.source} />
              </div>
              <LineChart label={`${series.metric} of ${series.serviceName}`} height={160}
                labels={series.points.map((p) => new Date(p.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))}
                series={[{ label: humanize(series.metric), data: series.points.map((p) => p.avg) }]} />
            </div>
          ))}
        </div>
      )}
    </QueryView>
  );
}
