const TONES: Record<string, string> = {
  healthy: 'bg-emerald-900/70 text-emerald-200 border-emerald-700',
  completed: 'bg-emerald-900/70 text-emerald-200 border-emerald-700',
  enabled: 'bg-emerald-900/70 text-emerald-200 border-emerald-700',
  resolved: 'bg-emerald-900/70 text-emerald-200 border-emerald-700',
  open: 'bg-emerald-900/70 text-emerald-200 border-emerald-700',
  active: 'bg-emerald-900/70 text-emerald-200 border-emerald-700',
  degraded: 'bg-amber-900/70 text-amber-200 border-amber-700',
  warning: 'bg-amber-900/70 text-amber-200 border-amber-700',
  deploying: 'bg-sky-900/70 text-sky-200 border-sky-700',
  queued: 'bg-sky-900/70 text-sky-200 border-sky-700',
  connecting: 'bg-sky-900/70 text-sky-200 border-sky-700',
  reconnecting: 'bg-amber-900/70 text-amber-200 border-amber-700',
  info: 'bg-sky-900/70 text-sky-200 border-sky-700',
  unhealthy: 'bg-red-900/70 text-red-200 border-red-700',
  down: 'bg-red-900/70 text-red-200 border-red-700',
  failed: 'bg-red-900/70 text-red-200 border-red-700',
  error: 'bg-red-900/70 text-red-200 border-red-700',
  firing: 'bg-red-900/70 text-red-200 border-red-700',
  rolled_back: 'bg-orange-900/70 text-orange-200 border-orange-700',
};

/** A coloured label for a status word the API returns (healthy, deploying, firing, …). */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const tone = TONES[status.toLowerCase()] ?? 'bg-slate-800 text-slate-300 border-slate-600';
  return (
    <span data-status={status} className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${tone}`}>
      {label ?? status.replace('_', ' ')}
    </span>
  );
}

/** Marks data the API labels as simulated (`source: demo`), so nobody mistakes it for a measurement. */
export function DemoBadge({ source }: { source?: string | null }) {
  if (source !== 'demo') {
    return null;
  }
  return (
    <span title="Simulated demo data, not measured" className="rounded border border-fuchsia-700 bg-fuchsia-950 px-1.5 py-0.5 text-xs font-semibold uppercase text-fuchsia-200">
      demo data
    </span>
  );
}

export function ProgressBar({ value, label }: { value: number; label?: string }) {
  const clamped = Math.max(0, Math.min(100, value));
  return (
    <div className="w-full">
      <div role="progressbar" aria-valuenow={clamped} aria-valuemin={0} aria-valuemax={100} aria-label={label ?? 'progress'}
        className="h-3 w-full overflow-hidden rounded bg-slate-800">
        <div className="h-full bg-sky-500 transition-all" style={{ width: `${clamped}%` }} />
      </div>
      <div className="mt-1 text-right text-xs text-slate-400">{clamped}%</div>
    </div>
  );
}
