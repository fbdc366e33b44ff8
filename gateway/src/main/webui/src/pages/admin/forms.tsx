import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import type { CatalogueError, FieldViolation } from '../../api/types';
import { inputClass, secondaryButtonClass } from '../../components/Card';

const dangerButtonClass = 'rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-600';

/**
 * The field faults of a refused request: bean-validation `violations`, or the catalogue's `errors` (a change the
 * catalogue file would not accept), both by field name.
 */
export function violationsOf(error: unknown): FieldViolation[] {
  if (!(error instanceof ApiError)) {
    return [];
  }
  const problem = error.problem as { violations?: unknown; errors?: unknown };
  if (Array.isArray(problem.violations)) {
    return problem.violations as FieldViolation[];
  }
  if (Array.isArray(problem.errors)) {
    return (problem.errors as CatalogueError[]).map((e) => ({ field: e.field, message: e.message }));
  }
  return [];
}

/** The messages for {@code field} and its parts (regions[0], cluster.apiServer). */
export function messagesFor(violations: FieldViolation[], field: string): string[] {
  return violations
    .filter((v) => v.field === field || v.field.startsWith(`${field}.`) || v.field.startsWith(`${field}[`))
    .map((v) => (v.field === field ? v.message : `${v.field.slice(field.length).replace(/^\./, '')} ${v.message}`));
}

/** A labelled input with the service's refusal for it underneath. */
export function Field({ label, field, violations, children, wide = false }: {
  label: string;
  field: string;
  violations: FieldViolation[];
  children: ReactNode;
  wide?: boolean;
}) {
  const messages = messagesFor(violations, field);
  return (
    <label className={`flex flex-col gap-1 ${wide ? 'sm:col-span-2' : ''}`}>
      <span className="text-xs text-slate-400">{label}</span>
      {children}
      {messages.map((m) => <span key={m} className="text-xs text-red-300" data-field-error={field}>{m}</span>)}
    </label>
  );
}

/** What a draft's text turns into on submit: the request, or a fault only the form can see (the API never gets it). */
export interface Parsed<R> {
  request?: R;
  fault?: string;
}

/**
 * A form's text kept as a draft: {@code set} changes part of it; {@code submit} parses it and sends the request, or
 * leaves the fault to show.
 */
export function useDraft<D, R>(initial: () => D, parse: (draft: D) => Parsed<R>, onSubmit: (request: R) => void) {
  const [draft, setDraft] = useState<D>(initial);
  const [fault, setFault] = useState<string>();
  const set = (next: Partial<D>) => setDraft((current) => ({ ...current, ...next }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { request, fault: found } = parse(draft);
    setFault(found);
    if (request !== undefined) {
      onSubmit(request);
    }
  };
  return { draft, set, fault, submit };
}

/** "a, b c" -> ["a", "b", "c"]. */
export function listOf(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

/** The text, or undefined when blank, so optional fields are left out of a request. */
export function given(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim();
}

/** A destructive button that asks once more before it acts. */
export function ConfirmButton({ label, question, onConfirm, disabled = false }: {
  label: string;
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return <button type="button" className={secondaryButtonClass} disabled={disabled} onClick={() => setAsking(true)}>{label}</button>;
  }
  return (
    <span role="group" aria-label={question} className="inline-flex flex-wrap items-center gap-2 text-xs text-amber-200">
      {question}
      <button type="button" className={dangerButtonClass} onClick={() => { setAsking(false); onConfirm(); }}>
        Yes, {label.toLowerCase()}
      </button>
      <button type="button" className={secondaryButtonClass} onClick={() => setAsking(false)}>Keep</button>
    </span>
  );
}

/** A labelled choice of the API's enum values. */
export function Choice<T extends string>({ label, field, violations, value, options, onChange }: {
  label: string;
  field: string;
  violations: FieldViolation[];
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
}) {
  return (
    <Field label={label} field={field} violations={violations}>
      <select className={inputClass} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </Field>
  );
}

/** A folded group of optional text settings sent as one object (cluster, endpoints). */
export function TextGroup<K extends string>({ summary, field, fields, values, violations, onChange, open = false }: {
  summary: string;
  field: string;
  fields: { key: K; label: string }[];
  values: Record<K, string>;
  violations: FieldViolation[];
  onChange: (values: Record<K, string>) => void;
  open?: boolean;
}) {
  return (
    <details className="rounded border border-slate-800 p-2" open={open || messagesFor(violations, field).length > 0}>
      <summary className="cursor-pointer text-xs text-slate-400">{summary}</summary>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {fields.map(({ key, label }) => (
          <Field key={key} label={label} field={`${field}.${key}`} violations={violations}>
            <input className={`${inputClass} w-full font-mono text-xs`} value={values[key]}
              onChange={(e) => onChange({ ...values, [key]: e.target.value })} />
          </Field>
        ))}
      </div>
    </details>
  );
}

/** The edit and (confirmed) remove buttons of a table row. */
export function RowActions({ onEdit, removeLabel, question, onRemove, busy, children }: {
  onEdit: () => void;
  removeLabel: string;
  question: string;
  onRemove: () => void;
  busy: boolean;
  children?: ReactNode;
}) {
  return (
    <td className="text-right">
      <span className="inline-flex flex-wrap justify-end gap-2">
        {children}
        <button type="button" className={secondaryButtonClass} onClick={onEdit}>Edit</button>
        <ConfirmButton label={removeLabel} question={question} disabled={busy} onConfirm={onRemove} />
      </span>
    </td>
  );
}

/** A list table that scrolls sideways on a narrow screen rather than squeezing its columns. */
export function AdminTable({ columns, children }: { columns: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500"><tr>{columns}</tr></thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
