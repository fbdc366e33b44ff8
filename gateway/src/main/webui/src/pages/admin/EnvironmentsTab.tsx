import { useState } from 'react';
import { useApi, useApiMutation } from '../../api/hooks';
import type { CatalogueStatus, Environment, EnvironmentSpec, ResultPage, SyncReport } from '../../api/types';
import { Card, EnableButton, buttonClass } from '../../components/Card';
import { ErrorState, QueryView } from '../../components/States';
import { StatusBadge } from '../../components/Badges';
import { formatTime } from '../../components/format';
import { EnvironmentForm } from './EnvironmentForm';
import { AdminTable, RowActions, violationsOf } from './forms';

const pathOf = (name: string) => `/api/admin/environments/${encodeURIComponent(name)}`;
// Environment changes reach the dashboards' caches, the catalogue status and the deployment status alike.
const CHANGED = ['environments', 'status', 'admin'];

/** Adding one, editing one, or neither. */
type Editing = { mode: 'add' } | { mode: 'edit'; environment: Environment } | null;

export function EnvironmentsTab() {
  const environments = useApi<ResultPage<Environment>>(['environments', 'all'], '/api/environments?size=200');
  const [editing, setEditing] = useState<Editing>(null);
  const toggle = useApiMutation<{ name: string; enabled: boolean }, Environment>(
    ({ name, enabled }) => ({ method: 'PUT', path: `${pathOf(name)}/toggle`, body: { enabled } }), CHANGED);
  const create = useApiMutation<EnvironmentSpec, Environment>((body) => ({ method: 'POST', path: '/api/admin/environments', body }), CHANGED);
  const update = useApiMutation<EnvironmentSpec, Environment>((body) => ({ method: 'PUT', path: pathOf(body.name), body }), CHANGED);
  const remove = useApiMutation<string, void>((name) => ({ method: 'DELETE', path: pathOf(name) }), CHANGED);
  const save = editing?.mode === 'edit' ? update : create;
  const open = (next: Editing) => {
    create.reset();
    update.reset();
    setEditing(next);
  };
  return (
    <div className="space-y-4">
      <Card title="Environments" actions={editing === null && (
        <button type="button" className={buttonClass} onClick={() => open({ mode: 'add' })}>Add environment</button>
      )}>
        {editing && (
          <div className="mb-4 rounded border border-slate-700 bg-slate-950/60 p-3">
            <h3 className="mb-2 text-sm font-semibold">{editing.mode === 'edit' ? `Edit ${editing.environment.name}` : 'Add an environment'}</h3>
            <EnvironmentForm key={editing.mode === 'edit' ? editing.environment.name : '+'}
              environment={editing.mode === 'edit' ? editing.environment : undefined}
              onSubmit={(spec) => save.mutate(spec, { onSuccess: () => setEditing(null) })}
              onCancel={() => setEditing(null)} pending={save.isPending} error={save.error} violations={violationsOf(save.error)} />
          </div>
        )}
        {(toggle.isError || remove.isError) && <ErrorState error={toggle.error ?? remove.error} />}
        <QueryView query={environments} what="environments" isEmpty={(p) => p.items.length === 0}
          empty="No environment in the catalogue yet.">
          {(p) => (
            <AdminTable columns={<><th className="py-1">Environment</th><th>Provider</th><th>State</th><th>Changed</th><th /></>}>
              {p.items.map((env) => (
                <tr key={env.name} className="border-t border-slate-800" data-admin-environment={env.name}>
                  <td className="py-1.5 pr-2"><div>{env.displayName}</div><div className="font-mono text-xs text-slate-500">{env.name}</div></td>
                  <td className="pr-2">{env.provider} · {env.type}</td>
                  <td className="pr-2"><StatusBadge status={env.enabled ? 'enabled' : 'disabled'} /></td>
                  <td className="pr-2 text-xs text-slate-400">{formatTime(env.updatedAt)} · {env.updatedBy}</td>
                  <RowActions onEdit={() => open({ mode: 'edit', environment: env })} removeLabel="Remove"
                    question={`Remove ${env.name} from the catalogue?`} onRemove={() => remove.mutate(env.name)} busy={remove.isPending}>
                    <EnableButton enabled={env.enabled} disabled={toggle.isPending}
                      onToggle={() => toggle.mutate({ name: env.name, enabled: !env.enabled })} />
                  </RowActions>
                </tr>
              ))}
            </AdminTable>
          )}
        </QueryView>
      </Card>
      <CatalogueCard />
    </div>
  );
}

/** The catalogue file: the outcome of its last load, and a reload after it was edited by hand. */
function CatalogueCard() {
  const status = useApi<CatalogueStatus>(['admin', 'catalogue'], '/api/admin/environments/catalogue');
  const reload = useApiMutation<void, SyncReport>(() => ({ method: 'POST', path: '/api/admin/environments/reload' }), CHANGED);
  const faults = violationsOf(reload.error);
  return (
    <Card title="Catalogue file" actions={
      <button type="button" className={buttonClass} disabled={reload.isPending} onClick={() => reload.mutate()}>Reload catalogue</button>
    }>
      {reload.data && (
        <p role="status" className="mb-2 text-sm text-emerald-300">
          Reloaded {reload.data.file}: {changes(reload.data)}
        </p>
      )}
      {reload.isError && <ErrorState error={reload.error} />}
      {faults.length > 0 && <FaultList faults={faults.map((f) => `${f.field}: ${f.message}`)} />}
      <QueryView query={status} what="catalogue status">
        {(s) => (
          <div className="space-y-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs text-slate-300">{s.file}</span>
              <StatusBadge status={s.valid ? 'healthy' : 'error'} label={s.valid ? 'valid' : 'invalid'} />
              <span className="text-xs text-slate-400">checked {formatTime(s.checkedAt)}</span>
            </div>
            {s.errors.length > 0 && <FaultList faults={s.errors.map((e) => `${e.line > 0 ? `line ${e.line}, ` : ''}${e.field}: ${e.message}`)} />}
            {s.lastSync && <p className="text-xs text-slate-400">Last applied: {changes(s.lastSync)}</p>}
          </div>
        )}
      </QueryView>
    </Card>
  );
}

function changes(report: SyncReport): string {
  const named = (what: string, names: string[]) => (names.length ? [`${what} ${names.join(', ')}`] : []);
  const parts = [...named('created', report.created), ...named('updated', report.updated), ...named('deleted', report.deleted)];
  return `${parts.length ? parts.join('; ') : 'nothing changed'} (${report.unchanged} unchanged)`;
}

function FaultList({ faults }: { faults: string[] }) {
  return (
    <pre data-testid="catalogue-faults" className="overflow-x-auto rounded border border-red-900 bg-slate-950 p-2 font-mono text-xs text-red-200">
      {faults.join('\n')}
    </pre>
  );
}
