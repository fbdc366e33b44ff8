import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi, useApiMutation } from '../api/hooks';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import type { ImportReport, LineError, ResultPage } from '../api/types';
import { Card, buttonClass, inputClass, secondaryButtonClass } from './Card';
import { StatusBadge } from './Badges';
import { ErrorState, QueryView } from './States';
import { Pager } from './Pager';
import { formatNumber, formatTime } from './format';

type OnError = 'reject' | 'import';

/** Imports a page of the list shows. */
const PAGE_SIZE = 10;
/** Every cached answer about imports: the list's pages and the opened reports. */
const IMPORTS_KEY = ['costs', 'imports'];

/** A refused import (onError=reject and bad rows) answers 422 with its line errors in the problem. */
function rejectedImport(error: unknown): { errors: LineError[]; errorsTruncated: boolean } | null {
  if (!(error instanceof ApiError) || error.status !== 422) {
    return null;
  }
  const problem = error.problem as unknown as { errors?: unknown; errorsTruncated?: boolean };
  return Array.isArray(problem.errors)
    ? { errors: problem.errors as LineError[], errorsTruncated: Boolean(problem.errorsTruncated) }
    : null;
}

/**
 * The FOCUS imports the cost service has run, for everyone; an operator also imports a FinOps FOCUS 1.x CSV file (plain or
 * gzip) as multipart part 'file' here and sees what it did, line errors included.
 */
export function CostImportCard() {
  const { can } = useAuth();
  return (
    <Card title="FOCUS cost imports">
      {can('operator') && <ImportForm />}
      <PastImports />
    </Card>
  );
}

function ImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [onError, setOnError] = useState<OnError>('reject');
  const client = useQueryClient();
  const send = useApiMutation<{ file: File; onError: OnError }, ImportReport>(({ file: chosen, onError: mode }) => {
    const form = new FormData();
    form.append('file', chosen, chosen.name);
    return { method: 'POST', path: `/api/costs/imports?onError=${mode}`, body: form };
  }, ['costs', 'budgets']);
  const rejected = rejectedImport(send.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      return;
    }
    // A success refetches every 'costs' answer, the list of imports among them; a rejected file is listed too.
    send.mutate({ file, onError }, { onError: () => client.invalidateQueries({ queryKey: IMPORTS_KEY }) });
  };

  return (
    <>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3 text-sm" aria-label="FOCUS import">
        <label className="flex flex-col gap-1"><span className="text-xs text-slate-400">FOCUS 1.x CSV (plain or .gz)</span>
          <input type="file" name="file" accept=".csv,.gz,text/csv,application/gzip" className={`${inputClass} max-w-full`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="flex flex-col gap-1"><span className="text-xs text-slate-400">When a row is invalid</span>
          <select className={inputClass} value={onError} onChange={(e) => setOnError(e.target.value as OnError)}>
            <option value="reject">import nothing</option>
            <option value="import">import the valid rows</option>
          </select>
        </label>
        <button type="submit" className={buttonClass} disabled={!file || send.isPending}>{send.isPending ? 'Importing…' : 'Import'}</button>
      </form>
      <p className="mt-1 text-xs text-slate-500">Rows replace the imported rows of the same providers and days. The service takes files up
        to its cost.imports.max-size (1 GB unless configured otherwise).</p>
      {send.isError && <ErrorState error={send.error} />}
      {rejected && <LineErrors errors={rejected.errors} truncated={rejected.errorsTruncated} />}
      {send.data && !send.isPending && <ImportSummary report={send.data} />}
    </>
  );
}

/** The imports the cost service has run, newest first, each openable to its full report. */
function PastImports() {
  const [page, setPage] = useState(0);
  const [opened, setOpened] = useState<string | null>(null);
  const imports = useApi<ResultPage<ImportReport>>([...IMPORTS_KEY, 'list', page], `/api/costs/imports?page=${page}&size=${PAGE_SIZE}`);
  return (
    <div className="mt-3 border-t border-slate-800 pt-2 first:mt-0 first:border-t-0 first:pt-0">
      <h3 className="mb-1 text-xs font-semibold uppercase text-slate-400">Imports, newest first</h3>
      <QueryView query={imports} what="imports" isEmpty={(p) => p.total === 0} empty="No file imported yet.">
        {(p) => (
          <>
            <ul className="divide-y divide-slate-800 text-sm" aria-label="Imports">
              {p.items.map((entry) => (
                <li key={entry.id} className="py-1.5" data-testid={`past-import-${entry.id}`}>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="min-w-0">
                      <StatusBadge status={entry.status} /> {formatTime(entry.createdAt)}
                      <span className="text-xs text-slate-400"> · by {entry.importedBy} · {daysOf(entry)}
                        {entry.providers.length > 0 && ` · ${entry.providers.join(', ')}`}</span>
                      <span className="block text-xs text-slate-500">{formatNumber(entry.rowsRead, 0)} read · {formatNumber(entry.rowsImported, 0)}
                        {' '}imported · {formatNumber(entry.rowsRejected, 0)} refused</span>
                    </span>
                    <button type="button" className={secondaryButtonClass} aria-expanded={opened === entry.id}
                      onClick={() => setOpened(opened === entry.id ? null : entry.id)}>
                      {opened === entry.id ? 'Hide report' : 'Report'}
                    </button>
                  </div>
                  {opened === entry.id && <StoredReport id={entry.id} />}
                </li>
              ))}
            </ul>
            {p.total > p.size && <Pager label="Pages of imports" page={page} size={p.size} total={p.total} onPage={setPage} />}
          </>
        )}
      </QueryView>
    </div>
  );
}

/** The days an import's rows cover. */
function daysOf(report: ImportReport): string {
  if (!report.firstDay) {
    return 'no day';
  }
  return report.firstDay === report.lastDay ? report.firstDay : `${report.firstDay} – ${report.lastDay}`;
}

/** An import's report as the cost service keeps it. */
function StoredReport({ id }: { id: string }) {
  const report = useApi<ImportReport>(['costs', 'imports', id], `/api/costs/imports/${encodeURIComponent(id)}`);
  return (
    <QueryView query={report} what="import report">
      {(r) => <ImportSummary report={r} />}
    </QueryView>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  const counts: [string, number][] = [
    ['rows read', report.rowsRead], ['imported', report.rowsImported], ['refused', report.rowsRejected],
    ['without environment', report.rowsUnallocated], ['replaced', report.rowsReplaced],
  ];
  return (
    <div className="mt-3 space-y-2 text-sm" data-testid={`import-${report.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={report.status} />
        <span className="text-xs text-slate-400">{daysOf(report)}
          {report.providers.length > 0 && ` · ${report.providers.join(', ')}`} · by {report.importedBy} · onError={report.onError}</span>
      </div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        {counts.map(([label, value]) => (
          <div key={label} className="rounded border border-slate-800 bg-slate-950 px-2 py-1">
            <dt className="text-xs text-slate-500">{label}</dt><dd className="font-mono">{formatNumber(value, 0)}</dd>
          </div>
        ))}
      </dl>
      {report.errors.length > 0 && <LineErrors errors={report.errors} truncated={report.errorsTruncated} />}
    </div>
  );
}

function LineErrors({ errors, truncated }: { errors: LineError[]; truncated: boolean }) {
  return (
    <div className="mt-2 max-h-64 overflow-auto">
      <table className="w-full text-left text-sm" aria-label="Refused lines">
        <thead className="text-xs uppercase text-slate-500"><tr><th className="py-1 pr-3">Line</th><th className="py-1">Why it was refused</th></tr></thead>
        <tbody>
          {errors.map((error) => (
            <tr key={`${error.line}:${error.reason}`} className="border-t border-slate-800">
              <td className="py-1 pr-3 align-top font-mono">{error.line}</td><td className="py-1 text-red-200">{error.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && <p className="mt-1 text-xs text-slate-500">Only the first {errors.length} refused lines are listed.</p>}
    </div>
  );
}
