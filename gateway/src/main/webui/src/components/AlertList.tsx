import type { Alert } from '../api/types';
import { StatusBadge } from './Badges';
import { formatTime } from './format';
import type { ReactNode } from 'react';

/** Alerts, each with its actions and, below it, whatever {@code details} shows for it (an opened delivery history). */
export function AlertList({ alerts, actions, details }: {
  alerts: Alert[];
  actions?: (alert: Alert) => ReactNode;
  details?: (alert: Alert) => ReactNode;
}) {
  return (
    <ul className="divide-y divide-slate-800">
      {alerts.map((alert) => (
        <li key={alert.id} data-alert={alert.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={alert.severity} />
              <span className="font-medium">{alert.name}</span>
              <span className="text-xs text-slate-500">{alert.environment ?? 'platform'} · {alert.source}</span>
              <StatusBadge status={alert.status} />
              {alert.acknowledged && <span data-testid="acknowledged" className="text-xs text-emerald-300">acknowledged by {alert.acknowledgedBy}</span>}
              {alert.silenced && <span className="text-xs text-slate-400">silenced</span>}
            </div>
            <div className="mt-0.5 text-sm text-slate-400">{alert.message}</div>
            <div className="text-xs text-slate-600">last seen {formatTime(alert.lastSeen)} · {alert.count}×</div>
          </div>
          {actions && <div className="flex flex-wrap gap-2">{actions(alert)}</div>}
          {details?.(alert)}
        </li>
      ))}
    </ul>
  );
}
