import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get } from '../api/client';
import { useApi, useApiMutation } from '../api/hooks';
import type { Deployment, LogLine, LogPage } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useLiveMessages } from '../live/LiveFeed';
import { Card, PageTitle, buttonClass, secondaryButtonClass } from '../components/Card';
import { ProgressBar, StatusBadge } from '../components/Badges';
import { ErrorState, QueryView } from '../components/States';
import { formatTime } from '../components/format';
import { FINISHED, mergeLines } from '../components/logLines';

const PAGE = 500;

async function allLines(id: string): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  let after = 0;
  for (;;) {
    const page = await get<LogPage>(`/api/deployments/${id}/logs?after=${after}&size=${PAGE}`);
    lines.push(...page.lines);
    if (page.lines.length < PAGE) {
      return lines;
    }
    after = page.next;
  }
}

/**
 * Whether the deployment service accepts a rollback of this deployment: a running one is stopped and undone (unless it
 * is already rolling back), a completed one is followed by a deployment of the version before it; queued, failed and
 * rolled-back ones have nothing to roll back.
 */
export function canRollBack(deployment: Deployment): boolean {
  return deployment.status === 'completed' || (deployment.status === 'deploying' && !deployment.rollingBack);
}

/** A deployment's progress and its log, followed live until it finishes. */
export function DeploymentPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const client = useQueryClient();
  const deployment = useApi<Deployment>(['deployments', id], `/api/deployments/${id}`);
  const logs = useQuery({ queryKey: ['deployments', id, 'logs'], queryFn: () => allLines(id) });
  const [pushed, setPushed] = useState<LogLine[]>([]);
  const bottom = useRef<HTMLDivElement>(null);
  const abort = useApiMutation<void, Deployment>(() => ({ method: 'POST', path: `/api/deployments/${id}/abort` }), ['deployments', 'status']);
  const rollback = useApiMutation<void, Deployment>(() => ({ method: 'POST', path: `/api/deployments/${id}/rollback` }), ['deployments', 'status']);
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const rollBack = () => rollback.mutate(undefined, {
    onSuccess: (answer) => {
      setConfirming(false);
      // A completed deployment is rolled back by a new deployment of the earlier version: follow that one.
      if (answer.id !== id) {
        navigate(`/deployments/${answer.id}`);
      } else {
        client.setQueryData(['deployments', id], answer);
      }
    },
  });

  useLiveMessages((message) => {
    if (message.type === 'deployment-log' && (message.data as LogLine | null)?.deploymentId === id) {
      setPushed((lines) => [...lines, message.data as LogLine]);
    } else if (message.type === 'deployment-updated' && (message.data as Deployment | null)?.id === id) {
      client.setQueryData(['deployments', id], message.data as Deployment);
    }
  });

  const lines = mergeLines(logs.data ?? [], pushed.filter((line) => line.deploymentId === id));
  // A block body: newer browsers' scrollIntoView returns a promise, which React would take for a clean-up function.
  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [lines.length]);

  return (
    <QueryView query={deployment} what="deployment">
      {(d) => (
        <div className="space-y-4">
          <PageTitle aside={can('operator') && (
            <div className="flex flex-wrap gap-2">
              {!FINISHED.has(d.status) && (
                <button type="button" className={secondaryButtonClass} onClick={() => abort.mutate()} disabled={abort.isPending}>Abort</button>
              )}
              {canRollBack(d) && !confirming && (
                <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(true)}>Roll back</button>
              )}
            </div>
          )}>
            Deployment {d.version} to <Link className="text-sky-400 hover:underline" to={`/environments/${d.environment}`}>{d.environment}</Link>
          </PageTitle>
          {abort.isError && <ErrorState error={abort.error} />}
          {confirming && canRollBack(d) && (
            <Card>
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm" role="group" aria-label="Confirm rollback">
                <span>{d.status === 'completed'
                  ? `Deploy the version that ran on ${d.environment} before ${d.version} again?`
                  : `Stop ${d.version} and undo the steps it has done on ${d.environment}?`}</span>
                <span className="flex gap-2">
                  <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>Cancel</button>
                  <button type="button" className={buttonClass} onClick={rollBack} disabled={rollback.isPending}>
                    {rollback.isPending ? 'Rolling back…' : 'Confirm rollback'}
                  </button>
                </span>
              </div>
            </Card>
          )}
          {rollback.isError && <ErrorState error={rollback.error} />}
          <Card>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <span data-testid="deployment-status"><StatusBadge status={d.status} /></span>
              <span>{d.strategy}{d.dryRun && ' · dry run'}{d.rollingBack && ' · rolling back'}</span>
              <span className="text-slate-400">requested by {d.requestedBy} at {formatTime(d.createdAt)}</span>
              {d.completedAt && <span className="text-slate-400">finished {formatTime(d.completedAt)}</span>}
              {d.rollbackOf && <span className="text-slate-400">rollback of{' '}
                <Link className="font-mono text-sky-400 hover:underline" to={`/deployments/${d.rollbackOf}`}>{d.rollbackOf.slice(0, 8)}</Link></span>}
            </div>
            <div className="mt-3"><ProgressBar value={d.progress} label="deployment progress" /></div>
            {d.currentStep && <div className="text-xs text-slate-400">step: {d.currentStep}</div>}
            {d.error && <div className="mt-2 text-sm text-red-300">{d.error}</div>}
          </Card>
          <Card title={`Log (${lines.length} lines)`}>
            {logs.isError && <ErrorState error={logs.error} retry={() => logs.refetch()} />}
            <div className="max-h-[50vh] overflow-auto rounded bg-black/60 p-2 font-mono text-xs" data-testid="deployment-log">
              {lines.length === 0 && <div className="italic text-slate-500">{logs.isPending ? 'Loading the log…' : 'No log lines yet.'}</div>}
              {lines.map((line) => (
                <div key={line.id} className={line.level === 'error' ? 'text-red-300' : line.level === 'warn' ? 'text-amber-300' : 'text-slate-300'}>
                  <span className="text-slate-600">{new Date(line.at).toLocaleTimeString()} </span>
                  {line.step && <span className="text-sky-400">[{line.step}] </span>}
                  {line.message}
                </div>
              ))}
              <div ref={bottom} />
            </div>
          </Card>
        </div>
      )}
    </QueryView>
  );
}
