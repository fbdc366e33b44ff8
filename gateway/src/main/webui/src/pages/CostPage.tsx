import { useState } from 'react';
import { useApi, useApiMutation } from '../api/hooks';
import type { Budget, BudgetInput, CostForecast, CostRecord, CostSummary, CostTrend, ResultPage } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Card, MetricCard, PageTitle, buttonClass, secondaryButtonClass } from '../components/Card';
import { ErrorState, QueryView } from '../components/States';
import { BarChart, DoughnutChart, LineChart } from '../components/ChartBox';
import { DemoBadge, ProgressBar } from '../components/Badges';
import { formatMoney } from '../components/format';
import { CostImportCard } from '../components/CostImportCard';
import { BudgetForm } from './BudgetForm';
import { violationsOf } from './admin/forms';

const sorted = (map: Record<string, number>) => Object.entries(map)
  .map(([key, value]) => [key || '(none)', Number(value)] as const)
  .sort((a, b) => b[1] - a[1]);

/** Spending over 30 or 90 days, broken down by provider, resource type and environment, with the budgets. */
export function CostPage() {
  const [days, setDays] = useState(30);
  const summary = useApi<CostSummary>(['costs', 'summary', days], `/api/costs/summary?days=${days}`);
  const trend = useApi<CostTrend>(['costs', 'trend', days], `/api/costs/trends?days=${days}`);
  const forecast = useApi<CostForecast>(['costs', 'forecast'], '/api/costs/forecast');
  // Cost records carry their source; demo records mean the figures here are simulated.
  const latest = useApi<ResultPage<CostRecord>>(['costs', 'latest', days], `/api/costs?days=${days}&size=1`);
  return (
    <div className="space-y-4">
      <PageTitle aside={
        <div className="flex gap-1" role="group" aria-label="Period">
          {[30, 90].map((d) => (
            <button key={d} type="button" aria-pressed={days === d} onClick={() => setDays(d)}
              className={days === d ? buttonClass : secondaryButtonClass}>{d} days</button>
          ))}
        </div>
      }>Costs <DemoBadge source={latest.data?.items[0]?.source} /></PageTitle>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <MetricCard label={`Total, ${days} days`} value={summary.data ? formatMoney(summary.data.total, summary.data.currency) : '…'} />
        <MetricCard label="Month to date" value={forecast.data ? formatMoney(forecast.data.monthToDate, forecast.data.currency) : '…'} />
        <MetricCard label="Forecast this month" value={forecast.data ? formatMoney(forecast.data.forecast, forecast.data.currency) : '…'}
          hint={forecast.data && `at ${formatMoney(forecast.data.dailyRate, forecast.data.currency)} a day`} />
        <MetricCard label="Providers" value={summary.data ? Object.keys(summary.data.byProvider).length : '…'} />
      </div>
      <Card title={`Daily cost, last ${days} days`}>
        <QueryView query={trend} what="cost trend" isEmpty={(t) => t.series.length === 0} empty="No cost recorded in this period.">
          {(t) => <LineChart label="Daily cost" labels={t.series.map((p) => p.date)} series={[{ label: t.currency, data: t.series.map((p) => Number(p.amount)) }]} />}
        </QueryView>
      </Card>
      <QueryView query={summary} what="cost breakdown" isEmpty={(s) => Number(s.total) === 0} empty="No cost recorded in this period.">
        {(s) => (
          <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
            <Card title="By provider">
              <DoughnutChart label="Cost by provider" labels={sorted(s.byProvider).map(([k]) => k)} values={sorted(s.byProvider).map(([, v]) => v)} />
            </Card>
            <Card title="By resource type">
              <BarChart label="Cost by resource type" labels={sorted(s.byResourceType).map(([k]) => k)} values={sorted(s.byResourceType).map(([, v]) => v)} />
            </Card>
            <Card title="By environment">
              <table className="w-full text-sm">
                <tbody>
                  {sorted(s.byEnvironment).map(([env, amount]) => (
                    <tr key={env} className="border-t border-slate-800"><td className="py-1">{env}</td>
                      <td className="text-right font-mono">{formatMoney(amount, s.currency)}</td></tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </div>
        )}
      </QueryView>
      <Budgets />
      <CostImportCard />
    </div>
  );
}

/** The budgets with their current period's spend; an operator adds, edits in place and deletes them. */
function Budgets() {
  const { can } = useAuth();
  const budgets = useApi<Budget[]>(['budgets'], '/api/budgets');
  const [editing, setEditing] = useState<string | null>(null);
  // Forms are remounted empty after an added budget.
  const [added, setAdded] = useState(0);
  const create = useApiMutation<BudgetInput, Budget>((body) => ({ method: 'POST', path: '/api/budgets', body }), ['budgets']);
  const update = useApiMutation<{ id: string; input: BudgetInput }, Budget>(
    ({ id, input }) => ({ method: 'PUT', path: pathOf(id), body: input }), ['budgets']);
  const remove = useApiMutation<string>((id) => ({ method: 'DELETE', path: pathOf(id) }), ['budgets']);
  const edit = (id: string | null) => {
    update.reset();
    setEditing(id);
  };
  return (
    <Card title="Budgets">
      <QueryView query={budgets} what="budgets" isEmpty={(list) => list.length === 0} empty="No budget set.">
        {(list) => (
          <ul className="space-y-3">
            {list.map((b) => (
              <li key={b.id} className="text-sm" data-budget={b.name}>
                {editing === b.id ? (
                  <BudgetForm budget={b} onCancel={() => edit(null)} pending={update.isPending} error={update.error}
                    violations={violationsOf(update.error)}
                    onSubmit={(input) => update.mutate({ id: b.id, input }, { onSuccess: () => setEditing(null) })} />
                ) : (
                  <>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-medium">{b.name} <span className="text-xs text-slate-500">{b.environment ?? b.provider ?? 'all'} · {b.period}
                        {' '}{b.periodStart} – {b.periodEnd} · alerts at {b.thresholds.map((t) => `${Math.round(t * 100)}%`).join(', ')}</span></span>
                      <span className="flex items-center gap-2">{formatMoney(b.spent, b.currency)} of {formatMoney(b.amount, b.currency)}
                        {can('operator') && (
                          <>
                            <button type="button" className={secondaryButtonClass} onClick={() => edit(b.id)}>Edit</button>
                            <button type="button" className={secondaryButtonClass} onClick={() => remove.mutate(b.id)}>Delete</button>
                          </>
                        )}</span>
                    </div>
                    <ProgressBar value={Math.round(Number(b.ratio) * 100)} label={`${b.name} spent`} />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      {remove.isError && <ErrorState error={remove.error} />}
      {can('operator') && (
        <div className="mt-3 border-t border-slate-800 pt-3">
          <BudgetForm key={added} pending={create.isPending} error={create.error} violations={violationsOf(create.error)}
            onSubmit={(input) => create.mutate(input, { onSuccess: () => setAdded(added + 1) })} />
        </div>
      )}
    </Card>
  );
}

const pathOf = (id: string) => `/api/budgets/${encodeURIComponent(id)}`;
