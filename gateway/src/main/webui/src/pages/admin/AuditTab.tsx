import { useState } from 'react';
import { useApi, useApiMutation } from '../../api/hooks';
import { query } from '../../api/client';
import type { AuditEntry, AuditVerification, ResultPage } from '../../api/types';
import { Card, buttonClass, inputClass, secondaryButtonClass } from '../../components/Card';
import { ErrorState, QueryView } from '../../components/States';
import { formatTime } from '../../components/format';

export function AuditTab() {
  const [filter, setFilter] = useState({ user: '', action: '' });
  const [page, setPage] = useState(0);
  const path = `/api/admin/audit-logs${query({ user: filter.user.trim(), action: filter.action.trim(), page, size: 50 })}`;
  const entries = useApi<ResultPage<AuditEntry>>(['admin', 'audit', path], path);
  const verify = useApiMutation<void, AuditVerification>(() => ({ method: 'GET', path: '/api/admin/audit-logs/verify' }), []);
  return (
    <Card title="Audit log" actions={
      <span className="flex items-center gap-2 text-xs">
        {verify.data && (
          <span data-testid="audit-verification" className={verify.data.intact ? 'text-emerald-300' : 'text-red-300'}>
            {verify.data.intact ? `Chain intact (${verify.data.entriesChecked} entries checked)`
              : `Chain broken at entry ${verify.data.brokenAt}: ${verify.data.reason}`}
          </span>
        )}
        <button type="button" className={buttonClass} onClick={() => verify.mutate()} disabled={verify.isPending}>Verify chain</button>
      </span>
    }>
      {verify.isError && <ErrorState error={verify.error} />}
      <div className="mb-3 flex flex-wrap gap-3 text-sm">
        <input aria-label="Filter by user" placeholder="user" className={inputClass} value={filter.user}
          onChange={(e) => { setFilter({ ...filter, user: e.target.value }); setPage(0); }} />
        <input aria-label="Filter by action" placeholder="action" className={inputClass} value={filter.action}
          onChange={(e) => { setFilter({ ...filter, action: e.target.value }); setPage(0); }} />
      </div>
      <QueryView query={entries} what="audit entries" isEmpty={(p) => p.items.length === 0}>
        {(p) => (
          <>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-xs">
                <thead className="uppercase text-slate-500"><tr><th className="py-1">#</th><th>When</th><th>User</th><th>Action</th><th>Request</th><th>Status</th><th>Hash</th></tr></thead>
                <tbody>
                  {p.items.map((entry) => (
                    <tr key={entry.seq} className="border-t border-slate-800">
                      <td className="py-1 pr-2 font-mono">{entry.seq}</td>
                      <td className="pr-2">{formatTime(entry.at)}</td>
                      <td className="pr-2">{entry.user}</td>
                      <td className="pr-2">{entry.action}</td>
                      <td className="pr-2 font-mono">{entry.method} {entry.path}</td>
                      <td className="pr-2">{entry.status}</td>
                      <td className="font-mono text-slate-500">{entry.hash.slice(0, 12)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="mt-2 flex items-center gap-2 text-xs text-slate-400">
              <button type="button" className={secondaryButtonClass} disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
              page {page + 1} of {Math.max(1, Math.ceil(p.total / 50))}
              <button type="button" className={secondaryButtonClass} disabled={(page + 1) * 50 >= p.total} onClick={() => setPage(page + 1)}>Next</button>
            </div>
          </>
        )}
      </QueryView>
    </Card>
  );
}
