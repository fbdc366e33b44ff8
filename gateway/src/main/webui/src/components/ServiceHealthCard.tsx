import type { ServiceStatus } from '../api/types';
import { DemoBadge, StatusBadge } from './Badges';
import { formatNumber, formatTime, humanize } from './format';

/** One monitored service of an environment: its health, why, and its latest readings. */
export function ServiceHealthCard({ service, showEnvironment = false }: { service: ServiceStatus; showEnvironment?: boolean }) {
  const values = Object.entries(service.values ?? {});
  return (
    <div className="rounded-lg border border-slate-800 bg-slate-950/40 p-3 text-sm" data-service={`${service.environment}/${service.serviceName}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{showEnvironment ? `${service.environment} · ` : ''}{service.serviceName}
          <span className="ml-1 text-xs text-slate-500">{service.serviceType}</span></span>
        <span className="flex gap-1"><DemoBadge source={service.source} /><StatusBadge status={service.health} /></span>
      </div>
      <div className="mt-1 text-xs text-slate-500">{service.state} · collected {formatTime(service.collectedAt)}</div>
      {service.reasons.length > 0 && <ul className="mt-1 text-xs text-amber-300">{service.reasons.map((r) => <li key={r} className="break-words">{r}</li>)}</ul>}
      {values.length > 0 && (
        <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-0.5 text-xs">
          {values.map(([key, value]) => (
            <div key={key} className="contents"><dt className="truncate text-slate-500">{humanize(key)}</dt><dd className="text-right font-mono">{formatNumber(value)}</dd></div>
          ))}
        </dl>
      )}
    </div>
  );
}
