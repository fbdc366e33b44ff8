import { useApi } from '../api/hooks';
import { query } from '../api/client';
import type { CostSummary, CostView, ResultPage } from '../api/types';
import { Card } from './Card';
import { DemoBadge } from './Badges';
import { QueryView } from './States';
import { formatMoney } from './format';

const DAYS = 30;
const LATEST = 5;

/**
 * An environment's spend: the total of the last {@link DAYS} days in one currency (the cost service converts), and its
 * latest charges, each in its own currency.
 */
export function EnvironmentCostCard({ environment }: { environment: string }) {
  const summary = useApi<CostSummary>(['costs', 'summary', 'of', environment], `/api/costs/summary${query({ environment, days: DAYS })}`);
  const latest = useApi<ResultPage<CostView>>(['costs', 'of', environment],
    `/api/environments/${encodeURIComponent(environment)}/costs${query({ days: DAYS, size: LATEST })}`);
  return (
    <Card title={<span>Cost, last {DAYS} days <DemoBadge source={latest.data?.items[0]?.source} /></span>}>
      <QueryView query={summary} what="cost">
        {(s) => (
          <div className="mb-2 flex flex-wrap items-baseline gap-x-3">
            <span className="text-2xl font-semibold text-slate-100" data-testid="environment-cost">{formatMoney(s.total, s.currency)}</span>
            <span className="text-xs text-slate-400">{Object.entries(s.byResourceType)
              .sort((a, b) => Number(b[1]) - Number(a[1]))
              .map(([type, amount]) => `${type} ${formatMoney(amount, s.currency)}`).join(' · ')}</span>
          </div>
        )}
      </QueryView>
      <QueryView query={latest} what="latest charges" isEmpty={(p) => p.items.length === 0}
        empty={`No cost recorded for ${environment} in the last ${DAYS} days.`}>
        {(p) => (
          <table className="w-full text-sm">
            <caption className="pb-1 text-left text-xs text-slate-500">Latest charges ({p.total} in all)</caption>
            <tbody>
              {p.items.map((cost) => (
                <tr key={cost.id} className="border-t border-slate-800">
                  <td className="py-1 pr-2 text-xs text-slate-400">{cost.date}</td>
                  <td className="py-1 pr-2">{cost.resourceType}<span className="text-xs text-slate-500"> · {cost.provider}</span></td>
                  <td className="py-1 text-right font-mono">{formatMoney(cost.amount, cost.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </Card>
  );
}
