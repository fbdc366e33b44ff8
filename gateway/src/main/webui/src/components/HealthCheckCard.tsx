import { useApiMutation } from '../api/hooks';
import type { CheckResult, HealthReport } from '../api/types';
import { Card, secondaryButtonClass } from './Card';
import { StatusBadge } from './Badges';
import { Empty, ErrorState, Loading } from './States';
import { formatTime } from './format';

const outcome = (check: CheckResult) => (check.passed ? 'passed' : check.skipped ? 'skipped' : 'failed');
const OUTCOME_TONE: Record<string, string> = { passed: 'healthy', skipped: 'skipped', failed: 'failed' };

/**
 * Runs the deployment service's health check of an environment on demand (operators only: the endpoint is theirs):
 * its JSON-RPC checks and, for live clusters, its Kubernetes checks, each with its detail.
 */
export function HealthCheckCard({ environment }: { environment: string }) {
  const check = useApiMutation<void, HealthReport>(
    () => ({ method: 'POST', path: `/api/environments/${encodeURIComponent(environment)}/health-check` }), []);
  const report = check.data;
  return (
    <Card title="Health check" actions={
      <button type="button" className={secondaryButtonClass} disabled={check.isPending} onClick={() => check.mutate()}>
        {check.isPending ? 'Checking…' : 'Run health check'}
      </button>
    }>
      {check.isPending && <Loading what="health check results" />}
      {check.isError && <ErrorState error={check.error} retry={() => check.mutate()} />}
      {check.isIdle && <Empty>Not run yet. It asks the node's JSON-RPC endpoint (answers, blocks advancing, in sync, peers) and
        the cluster (pods ready, services with endpoints).</Empty>}
      {report && !check.isPending && (
        <div className="space-y-2 text-sm">
          <div className="flex flex-wrap items-center gap-2" data-testid="health-verdict">
            <StatusBadge status={report.healthy ? 'healthy' : 'unhealthy'} />
            <span className="text-xs text-slate-400">{report.checks.length} checks{report.color && ` · ${report.color}`} · {formatTime(report.checkedAt)}</span>
          </div>
          <ul className="divide-y divide-slate-800">
            {report.checks.map((c) => (
              <li key={c.name} data-check={c.name} className="flex flex-wrap items-start gap-2 py-1.5">
                <StatusBadge status={OUTCOME_TONE[outcome(c)]} label={outcome(c)} />
                <span className="font-medium">{c.name}</span>
                {c.detail && <span className="basis-full break-words text-xs text-slate-400 sm:basis-auto">{c.detail}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
