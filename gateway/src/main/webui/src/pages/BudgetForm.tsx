import type { Budget, BudgetInput, BudgetPeriod, FieldViolation } from '../api/types';
import { buttonClass, inputClass, secondaryButtonClass } from '../components/Card';
import { ErrorState } from '../components/States';
import { Choice, Field, given, listOf, useDraft, type Parsed } from './admin/forms';

const PERIODS: BudgetPeriod[] = ['monthly', 'weekly', 'daily'];
type Scope = 'environment' | 'provider';
const SCOPES: Scope[] = ['environment', 'provider'];

/** The form's text, turned into a BudgetInput on submit. */
export interface BudgetDraft {
  name: string;
  scope: Scope;
  /** The environment's name or the provider's id, as the scope says. */
  target: string;
  amount: string;
  /** Empty: the cost service's base currency. */
  currency: string;
  period: BudgetPeriod;
  thresholds: string;
}

export function draftOf(budget?: Budget): BudgetDraft {
  return {
    name: budget?.name ?? '',
    scope: budget?.provider ? 'provider' : 'environment',
    target: budget?.provider ?? budget?.environment ?? '',
    amount: budget ? String(budget.amount) : '',
    currency: budget?.currency ?? '',
    period: budget?.period ?? 'monthly',
    thresholds: (budget?.thresholds ?? [0.8, 1]).join(', '),
  };
}

/** The whole input to send, or the fault of the thresholds text. */
export function inputOf(draft: BudgetDraft): Parsed<BudgetInput> {
  const thresholds = listOf(draft.thresholds);
  const notNumber = thresholds.find((t) => Number.isNaN(Number(t)));
  if (notNumber !== undefined) {
    return { fault: `'${notNumber}' is not a number` };
  }
  const target = given(draft.target);
  return {
    request: {
      name: draft.name.trim(),
      environment: draft.scope === 'environment' ? target : undefined,
      provider: draft.scope === 'provider' ? target : undefined,
      amount: Number(draft.amount),
      currency: given(draft.currency)?.toUpperCase(),
      period: draft.period,
      thresholds: thresholds.length === 0 ? undefined : thresholds.map(Number),
    },
  };
}

/** Add (no budget) or edit (the budget's definition, sent whole: the API replaces it). */
export function BudgetForm({ budget, onSubmit, onCancel, pending, error, violations }: {
  budget?: Budget;
  onSubmit: (input: BudgetInput) => void;
  onCancel?: () => void;
  pending: boolean;
  error: unknown;
  violations: FieldViolation[];
}) {
  const { draft, set, fault: thresholdFault, submit } = useDraft(() => draftOf(budget), inputOf, onSubmit);
  const title = budget ? `Edit ${budget.name}` : 'Add a budget';
  return (
    <form onSubmit={submit} aria-label={title} className="space-y-2 text-sm">
      <div className="flex flex-wrap items-start gap-3">
        <Field label="Name" field="name" violations={violations}>
          <input required maxLength={200} className={inputClass} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Choice label="For one" field="scope" violations={[]} value={draft.scope} options={SCOPES} onChange={(scope) => set({ scope })} />
        <Field label={draft.scope === 'environment' ? 'Environment' : 'Provider (azure, aws, gcp, ibm, oci, onprem)'} field={draft.scope}
          violations={violations}>
          <input required className={inputClass} value={draft.target} onChange={(e) => set({ target: e.target.value })} />
        </Field>
        <Field label="Amount" field="amount" violations={violations}>
          <input required type="number" min="0" step="any" className={`${inputClass} w-32`} value={draft.amount}
            onChange={(e) => set({ amount: e.target.value })} />
        </Field>
        <Field label="Currency (empty: the service's)" field="currency" violations={violations}>
          <input maxLength={3} placeholder="USD" className={`${inputClass} w-24 uppercase`} value={draft.currency}
            onChange={(e) => set({ currency: e.target.value })} />
        </Field>
        <Choice label="Period" field="period" violations={violations} value={draft.period} options={PERIODS}
          onChange={(period) => set({ period })} />
        <Field label="Thresholds (fractions of the amount)" field="thresholds" violations={violations}>
          <input className={`${inputClass} w-40`} placeholder="0.8, 1" value={draft.thresholds}
            onChange={(e) => set({ thresholds: e.target.value })} />
          {thresholdFault && <span className="text-xs text-red-300">{thresholdFault}</span>}
        </Field>
      </div>
      {error != null && <ErrorState error={error} />}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={pending}>{budget ? 'Save changes' : 'Add budget'}</button>
        {onCancel && <button type="button" className={secondaryButtonClass} onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}
