import { useState } from 'react';
import { useApi, useApiMutation } from '../api/hooks';
import { query } from '../api/client';
import type { Alert, Matcher, ResultPage, Silence } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Card, PageTitle, buttonClass, inputClass, secondaryButtonClass } from '../components/Card';
import { ErrorState, QueryView } from '../components/States';
import { AlertList } from '../components/AlertList';
import { StatusBadge } from '../components/Badges';
import { formatTime } from '../components/format';
import { DeliveryHistory } from '../components/DeliveryHistory';

interface Filter {
  severity: string;
  status: string;
  environment: string;
  unacknowledgedOnly: boolean;
}

const SILENCE_HOURS = [1, 4, 24];

/** Matchers that silence this alert and its repeats: its name and, where it has one, its environment. */
export function silenceMatchers(alert: Alert): Matcher[] {
  const matchers: Matcher[] = [{ name: 'alertname', op: '=', value: alert.name }];
  if (alert.environment) {
    matchers.push({ name: 'environment', op: '=', value: alert.environment });
  }
  return matchers;
}

export function AlertsPage() {
  const { can } = useAuth();
  const [filter, setFilter] = useState<Filter>({ severity: '', status: 'firing', environment: '', unacknowledgedOnly: false });
  const [page, setPage] = useState(0);
  const [silencing, setSilencing] = useState<Alert | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const path = `/api/alerts${query({
    severity: filter.severity, status: filter.status, environment: filter.environment.trim(),
    unacknowledged_only: filter.unacknowledgedOnly ? 'true' : undefined, page, size: 25,
  })}`;
  const alerts = useApi<ResultPage<Alert>>(['alerts', path], path);
  const silences = useApi<ResultPage<Silence>>(['alerts', 'silences'], '/api/alerts/silences');
  const acknowledge = useApiMutation<string, Alert>((id) => ({ method: 'POST', path: `/api/alerts/${id}/acknowledge` }), ['alerts']);
  const resolve = useApiMutation<string, Alert>((id) => ({ method: 'POST', path: `/api/alerts/${id}/resolve` }), ['alerts']);
  const expire = useApiMutation<string, Silence>((id) => ({ method: 'DELETE', path: `/api/alerts/silences/${id}` }), ['alerts']);
  const change = (next: Partial<Filter>) => {
    setFilter((current) => ({ ...current, ...next }));
    setPage(0);
  };

  return (
    <div className="space-y-4">
      <PageTitle>Alerts</PageTitle>
      <Card>
        <form className="flex flex-wrap items-end gap-3 text-sm" onSubmit={(e) => e.preventDefault()} aria-label="Alert filter">
          <label className="flex flex-col gap-1"><span className="text-xs text-slate-400">Severity</span>
            <select name="severity" className={inputClass} value={filter.severity} onChange={(e) => change({ severity: e.target.value })}>
              <option value="">any</option><option value="error">error</option><option value="warning">warning</option><option value="info">info</option>
            </select>
          </label>
          <label className="flex flex-col gap-1"><span className="text-xs text-slate-400">Status</span>
            <select name="status" className={inputClass} value={filter.status} onChange={(e) => change({ status: e.target.value })}>
              <option value="">any</option><option value="firing">firing</option><option value="resolved">resolved</option>
            </select>
          </label>
          <label className="flex flex-col gap-1"><span className="text-xs text-slate-400">Environment</span>
            <input name="environment" className={inputClass} placeholder="all" value={filter.environment}
              onChange={(e) => change({ environment: e.target.value })} />
          </label>
          <label className="flex items-center gap-1.5 pb-1.5">
            <input type="checkbox" name="unacknowledged" checked={filter.unacknowledgedOnly}
              onChange={(e) => change({ unacknowledgedOnly: e.target.checked })} />
            unacknowledged only
          </label>
        </form>
      </Card>
      {(acknowledge.isError || resolve.isError) && <ErrorState error={acknowledge.error ?? resolve.error} />}
      <Card title={`Alerts${alerts.data ? ` (${alerts.data.total})` : ''}`} actions={alerts.data && alerts.data.total > 25 && (
        <span className="flex items-center gap-2 text-xs">
          <button type="button" className={secondaryButtonClass} disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
          page {page + 1} of {Math.ceil(alerts.data.total / 25)}
          <button type="button" className={secondaryButtonClass} disabled={(page + 1) * 25 >= alerts.data.total} onClick={() => setPage(page + 1)}>Next</button>
        </span>
      )}>
        <QueryView query={alerts} what="alerts" isEmpty={(p) => p.items.length === 0} empty="No alert matches the filter.">
          {(p) => (
            <AlertList alerts={p.items} details={(alert) => opened === alert.id && <DeliveryHistory alertId={alert.id} />}
              actions={(alert) => (
                <>
                  <button type="button" className={secondaryButtonClass} aria-expanded={opened === alert.id}
                    onClick={() => setOpened(opened === alert.id ? null : alert.id)}>
                    {opened === alert.id ? 'Hide notifications' : 'Notifications'}
                  </button>
                  {can('operator') && (
                    <>
                      {!alert.acknowledged && alert.status === 'firing' && (
                        <button type="button" className={buttonClass} onClick={() => acknowledge.mutate(alert.id)}
                          disabled={acknowledge.isPending}>Acknowledge</button>
                      )}
                      {alert.status === 'firing' && (
                        <button type="button" className={secondaryButtonClass} onClick={() => resolve.mutate(alert.id)}>Resolve</button>
                      )}
                      {!alert.silenced && (
                        <button type="button" className={secondaryButtonClass} onClick={() => setSilencing(alert)}>Silence</button>
                      )}
                    </>
                  )}
                </>
              )} />
          )}
        </QueryView>
      </Card>
      <Card title="Silences">
        <QueryView query={silences} what="silences" isEmpty={(p) => p.items.length === 0} empty="No silence is active or pending.">
          {(p) => (
            <ul className="divide-y divide-slate-800 text-sm">
              {p.items.map((silence) => (
                <li key={silence.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div>
                    <StatusBadge status={silence.state} />{' '}
                    <span className="font-mono text-xs">{silence.matchers.map((m) => `${m.name}${m.op}${m.value}`).join(', ')}</span>
                    <div className="text-xs text-slate-400">until {formatTime(silence.endsAt)} · {silence.createdBy}: {silence.comment}</div>
                  </div>
                  {can('operator') && silence.state !== 'expired' && (
                    <button type="button" className={secondaryButtonClass} onClick={() => expire.mutate(silence.id)}>Expire</button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </Card>
      {silencing && <SilenceDialog alert={silencing} onClose={() => setSilencing(null)} />}
    </div>
  );
}

function SilenceDialog({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const [hours, setHours] = useState(4);
  const [comment, setComment] = useState('');
  const create = useApiMutation<{ matchers: Matcher[]; endsAt: string; comment: string }, Silence>(
    (body) => ({ method: 'POST', path: '/api/alerts/silences', body }), ['alerts']);
  const matchers = silenceMatchers(alert);
  return (
    <div role="dialog" aria-modal="true" className="fixed inset-0 z-20 flex items-center justify-center bg-black/60 p-4">
      <form className="w-full max-w-md rounded-lg border border-slate-700 bg-slate-900 p-5" onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ matchers, endsAt: new Date(Date.now() + hours * 3_600_000).toISOString(), comment: comment.trim() },
          { onSuccess: onClose });
      }}>
        <h2 className="mb-2 text-lg font-semibold">Silence {alert.name}</h2>
        <p className="mb-3 font-mono text-xs text-slate-400">{matchers.map((m) => `${m.name}${m.op}${m.value}`).join(', ')}</p>
        <label className="mb-3 block text-sm"><span className="mb-1 block text-slate-300">For</span>
          <select className={inputClass} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {SILENCE_HOURS.map((h) => <option key={h} value={h}>{h} hour{h > 1 ? 's' : ''}</option>)}
          </select>
        </label>
        <label className="mb-4 block text-sm"><span className="mb-1 block text-slate-300">Why</span>
          <input required className={`${inputClass} w-full`} value={comment} onChange={(e) => setComment(e.target.value)}
            placeholder="maintenance window" />
        </label>
        {create.isError && <ErrorState error={create.error} />}
        <div className="flex justify-end gap-2">
          <button type="button" className={secondaryButtonClass} onClick={onClose}>Cancel</button>
          <button type="submit" className={buttonClass} disabled={create.isPending || !comment.trim()}>Silence</button>
        </div>
      </form>
    </div>
  );
}
