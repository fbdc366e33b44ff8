import { useApi } from '../api/hooks';
import type { Delivery } from '../api/types';
import { StatusBadge } from './Badges';
import { QueryView } from './States';
import { formatTime } from './format';

/** Delivery statuses in the colours of the status words they resemble. */
const TONE: Record<Delivery['status'], string> = {
  pending: 'queued', sent: 'completed', failed: 'failed', silenced: 'silenced', cancelled: 'cancelled',
};

/** An alert's notifications, oldest first: per channel, trigger or resolve, its status and every try with the receiver's answer. */
export function DeliveryHistory({ alertId }: { alertId: string }) {
  const deliveries = useApi<Delivery[]>(['alerts', 'deliveries', alertId], `/api/alerts/${encodeURIComponent(alertId)}/deliveries`);
  return (
    <div className="basis-full rounded border border-slate-800 bg-slate-950/60 p-2" data-testid={`deliveries-${alertId}`}>
      <QueryView query={deliveries} what="notifications" isEmpty={(list) => list.length === 0}
        empty="No notification for this alert: no channel routes it, or it is still waiting.">
        {(list) => (
          <ul className="space-y-2 text-sm">
            {list.map((d) => (
              <li key={d.id} data-delivery={d.id}>
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={TONE[d.status]} label={d.status} />
                  <span className="font-medium">{d.channel}</span>
                  <span className="text-xs text-slate-500">{d.channelType} · {d.kind} · {d.attempts} {d.attempts === 1 ? 'try' : 'tries'}</span>
                  <span className="text-xs text-slate-500">{d.sentAt ? `sent ${formatTime(d.sentAt)}` : d.dueAt && d.status === 'pending' ? `due ${formatTime(d.dueAt)}` : `queued ${formatTime(d.createdAt)}`}</span>
                </div>
                {d.lastError && <div className="break-words text-xs text-red-300">{d.lastError}</div>}
                {d.tries.length > 0 && (
                  <ol className="ml-4 mt-1 list-decimal text-xs text-slate-400">
                    {d.tries.map((t) => (
                      <li key={t.at}>
                        {formatTime(t.at)}: {t.succeeded ? 'delivered' : 'failed'}
                        {t.httpStatus != null && ` (HTTP ${t.httpStatus})`}
                        {t.error && <span className="break-words text-red-300"> {t.error}</span>}
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </div>
  );
}
