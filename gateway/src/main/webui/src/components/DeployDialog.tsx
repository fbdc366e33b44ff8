import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApiMutation } from '../api/hooks';
import type { Deployment, Strategy } from '../api/types';
import { ErrorState } from './States';
import { buttonClass, inputClass, secondaryButtonClass } from './Card';

const STRATEGIES: { id: Strategy; label: string }[] = [
  { id: 'rolling', label: 'Rolling' },
  { id: 'blue-green', label: 'Blue-green' },
  { id: 'canary', label: 'Canary' },
];

/** Asks for a version and a strategy, queues the deployment, and opens its live log. */
export function DeployDialog({ environment, dryRun, onClose }: { environment: string; dryRun: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [version, setVersion] = useState('');
  const [strategy, setStrategy] = useState<Strategy>('rolling');
  const deploy = useApiMutation<{ version: string; strategy: Strategy }, Deployment>(
    (body) => ({ method: 'POST', path: `/api/environments/${encodeURIComponent(environment)}/deploy`, body }),
    ['deployments', 'status']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    deploy.mutate({ version: version.trim(), strategy }, {
      onSuccess: (deployment) => navigate(`/deployments/${deployment.id}`),
    });
  };

  return (
    <div role="dialog" aria-modal="true" aria-labelledby="deploy-title"
      className="fixed inset-0 z-20 flex items-center justify-center bg-black/60 p-4">
      <form onSubmit={submit} className="w-full max-w-md rounded-lg border border-slate-700 bg-slate-900 p-5 shadow-2xl">
        <h2 id="deploy-title" className="mb-1 text-lg font-semibold">Deploy to {environment}</h2>
        {dryRun && (
          <p className="mb-3 text-xs text-amber-300">This environment has no cluster credentials: the deployment is a dry run
            that logs every operation it would perform.</p>
        )}
        <label className="mb-3 block text-sm">
          <span className="mb-1 block text-slate-300">Version (image tag)</span>
          <input name="version" required pattern="[A-Za-z0-9_][A-Za-z0-9._\-]{0,127}" placeholder="1.2.3" value={version}
            onChange={(e) => setVersion(e.target.value)} className={`${inputClass} w-full font-mono`} />
        </label>
        <fieldset className="mb-4 text-sm">
          <legend className="mb-1 text-slate-300">Strategy</legend>
          <div className="flex gap-4">
            {STRATEGIES.map((s) => (
              <label key={s.id} className="flex items-center gap-1.5">
                <input type="radio" name="strategy" value={s.id} checked={strategy === s.id} onChange={() => setStrategy(s.id)} />
                {s.label}
              </label>
            ))}
          </div>
        </fieldset>
        {deploy.isError && <ErrorState error={deploy.error} />}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className={secondaryButtonClass}>Cancel</button>
          <button type="submit" disabled={deploy.isPending || !version.trim()} className={buttonClass}>
            {deploy.isPending ? 'Queuing…' : 'Deploy'}
          </button>
        </div>
      </form>
    </div>
  );
}
