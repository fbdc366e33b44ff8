import { useState, type FormEvent } from 'react';
import { useApi, useApiMutation } from '../api/hooks';
import { query } from '../api/client';
import type { AuditEntry, AuditVerification, Component, Environment, ResultPage, Role, User } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Card, EnableButton, PageTitle, buttonClass, inputClass, secondaryButtonClass } from '../components/Card';
import { ErrorState, QueryView } from '../components/States';
import { StatusBadge } from '../components/Badges';
import { formatTime } from '../components/format';

const TABS = ['environments', 'services', 'providers', 'users', 'audit'] as const;
type Tab = typeof TABS[number];

export function AdminPage() {
  const { can } = useAuth();
  const [tab, setTab] = useState<Tab>('environments');
  if (!can('admin')) {
    return <div><PageTitle>Admin</PageTitle><p className="text-sm text-slate-400">The admin panel is for admins only.</p></div>;
  }
  return (
    <div className="space-y-4">
      <PageTitle>Admin</PageTitle>
      <div role="tablist" className="flex flex-wrap gap-1 border-b border-slate-800">
        {TABS.map((t) => (
          <button key={t} role="tab" type="button" aria-selected={tab === t} onClick={() => setTab(t)}
            className={`rounded-t px-3 py-1.5 text-sm capitalize ${tab === t ? 'bg-slate-800 text-slate-100' : 'text-slate-400 hover:text-slate-200'}`}>
            {t === 'audit' ? 'audit log' : t}
          </button>
        ))}
      </div>
      {tab === 'environments' && <EnvironmentsTab />}
      {tab === 'services' && <ComponentsTab kind="services" />}
      {tab === 'providers' && <ComponentsTab kind="providers" />}
      {tab === 'users' && <UsersTab />}
      {tab === 'audit' && <AuditTab />}
    </div>
  );
}

function EnvironmentsTab() {
  const environments = useApi<ResultPage<Environment>>(['environments', 'all'], '/api/environments?size=200');
  const toggle = useApiMutation<{ name: string; enabled: boolean }, Environment>(
    ({ name, enabled }) => ({ method: 'PUT', path: `/api/admin/environments/${encodeURIComponent(name)}/toggle`, body: { enabled } }),
    ['environments', 'status']);
  return (
    <Card title="Environments">
      {toggle.isError && <ErrorState error={toggle.error} />}
      <QueryView query={environments} what="environments" isEmpty={(p) => p.items.length === 0}>
        {(p) => (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500"><tr><th className="py-1">Environment</th><th>Provider</th><th>State</th><th>Changed</th><th /></tr></thead>
            <tbody>
              {p.items.map((env) => (
                <tr key={env.name} className="border-t border-slate-800" data-admin-environment={env.name}>
                  <td className="py-1.5"><div>{env.displayName}</div><div className="font-mono text-xs text-slate-500">{env.name}</div></td>
                  <td>{env.provider}</td>
                  <td><StatusBadge status={env.enabled ? 'enabled' : 'disabled'} /></td>
                  <td className="text-xs text-slate-400">{formatTime(env.updatedAt)} · {env.updatedBy}</td>
                  <td className="text-right">
                    <EnableButton enabled={env.enabled} disabled={toggle.isPending}
                      onToggle={() => toggle.mutate({ name: env.name, enabled: !env.enabled })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </Card>
  );
}

function ComponentsTab({ kind }: { kind: 'services' | 'providers' }) {
  const components = useApi<Component[]>(['admin', kind], `/api/admin/${kind}`);
  const [editing, setEditing] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const update = useApiMutation<{ name: string; enabled: boolean; config: unknown }, Component>(
    ({ name, enabled, config }) => ({ method: 'PUT', path: `/api/admin/${kind}/${encodeURIComponent(name)}`, body: { enabled, config } }),
    ['admin']);
  const save = (component: Component) => {
    let config: unknown;
    try {
      config = JSON.parse(text);
    } catch (e) {
      setInvalid(`Not JSON: ${(e as Error).message}`);
      return;
    }
    setInvalid(null);
    update.mutate({ name: component.name, enabled: component.enabled, config }, { onSuccess: () => setEditing(null) });
  };
  return (
    <Card title={kind === 'services' ? 'Monitored service types' : 'Cloud providers'}>
      {update.isError && <ErrorState error={update.error} />}
      <QueryView query={components} what={kind} isEmpty={(list) => list.length === 0}>
        {(list) => (
          <ul className="divide-y divide-slate-800">
            {list.map((component) => (
              <li key={component.name} className="py-2 text-sm" data-component={component.name}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{component.name} <StatusBadge status={component.enabled ? 'enabled' : 'disabled'} /></span>
                  <span className="flex gap-2">
                    <EnableButton enabled={component.enabled}
                      onToggle={() => update.mutate({ name: component.name, enabled: !component.enabled, config: component.config })} />
                    <button type="button" className={secondaryButtonClass}
                      onClick={() => { setEditing(component.name); setText(JSON.stringify(component.config, null, 2)); setInvalid(null); }}>
                      Edit settings
                    </button>
                  </span>
                </div>
                {editing === component.name ? (
                  <div className="mt-2">
                    <textarea aria-label={`${component.name} settings`} className={`${inputClass} h-40 w-full font-mono text-xs`}
                      value={text} onChange={(e) => setText(e.target.value)} />
                    {invalid && <div className="text-xs text-red-300">{invalid}</div>}
                    <div className="mt-1 flex gap-2">
                      <button type="button" className={buttonClass} onClick={() => save(component)}>Save</button>
                      <button type="button" className={secondaryButtonClass} onClick={() => setEditing(null)}>Cancel</button>
                    </div>
                  </div>
                ) : (
                  <pre className="mt-1 overflow-x-auto text-xs text-slate-400">{JSON.stringify(component.config)}</pre>
                )}
                <div className="text-xs text-slate-600">changed {formatTime(component.updatedAt)} by {component.updatedBy}</div>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}

function UsersTab() {
  const users = useApi<User[]>(['admin', 'users'], '/api/admin/users');
  const [form, setForm] = useState({ username: '', password: '', role: 'viewer' as Role });
  const create = useApiMutation<typeof form, User>((body) => ({ method: 'POST', path: '/api/admin/users', body }), ['admin']);
  const change = useApiMutation<{ username: string; role?: Role; enabled?: boolean }, User>(
    ({ username, ...body }) => ({ method: 'PATCH', path: `/api/admin/users/${encodeURIComponent(username)}`, body }), ['admin']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(form, { onSuccess: () => setForm({ username: '', password: '', role: 'viewer' }) });
  };
  return (
    <div className="space-y-4">
      <Card title="Users">
        {change.isError && <ErrorState error={change.error} />}
        <QueryView query={users} what="users" isEmpty={(list) => list.length === 0}>
          {(list) => (
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500"><tr><th className="py-1">User</th><th>Role</th><th>State</th><th>Changed</th><th /></tr></thead>
              <tbody>
                {list.map((user) => (
                  <tr key={user.username} className="border-t border-slate-800">
                    <td className="py-1.5 font-mono">{user.username}</td>
                    <td>
                      <select aria-label={`Role of ${user.username}`} className={inputClass} value={user.role}
                        onChange={(e) => change.mutate({ username: user.username, role: e.target.value as Role })}>
                        <option value="viewer">viewer</option><option value="operator">operator</option><option value="admin">admin</option>
                      </select>
                    </td>
                    <td><StatusBadge status={user.enabled ? 'enabled' : 'disabled'} />
                      {user.lockedUntil && <span className="ml-1 text-xs text-amber-300">locked until {formatTime(user.lockedUntil)}</span>}</td>
                    <td className="text-xs text-slate-400">{formatTime(user.updatedAt ?? user.createdAt)} · {user.updatedBy}</td>
                    <td className="text-right">
                      <EnableButton enabled={user.enabled} onToggle={() => change.mutate({ username: user.username, enabled: !user.enabled })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </Card>
      <Card title="Add a user">
        <form onSubmit={submit} className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1"><span className="text-xs text-slate-400">Username</span>
            <input required className={inputClass} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} /></label>
          <label className="flex flex-col gap-1"><span className="text-xs text-slate-400">Password (12+ characters)</span>
            <input required type="password" minLength={12} className={inputClass} value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })} /></label>
          <label className="flex flex-col gap-1"><span className="text-xs text-slate-400">Role</span>
            <select className={inputClass} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              <option value="viewer">viewer</option><option value="operator">operator</option><option value="admin">admin</option>
            </select></label>
          <button type="submit" className={buttonClass} disabled={create.isPending}>Add user</button>
        </form>
        {create.isError && <ErrorState error={create.error} />}
      </Card>
    </div>
  );
}

function AuditTab() {
  const [filter, setFilter] = useState({ user: '', action: '' });
  const [page, setPage] = useState(0);
  const path = `/api/admin/audit-logs${query({ user: filter.user.trim(), action: filter.action.trim(), page, size: 50 })}`;
  const entries = useApi<ResultPage<AuditEntry>>(['admin', 'audit', path], path);
  const verify = useApiMutation<void, AuditVerification>(() => ({ method: 'GET', path: '/api/admin/audit-logs/verify' }), []);
  return (
    <Card title="Audit log" actions={
      <span className="flex items-center gap-2 text-xs">
        {verify.data && (
          <span data-testid="audit-verification" className={verify.data.intact ? 'text-emerald-300' : 'text-red-300'}>
            {verify.data.intact ? `Chain intact (${verify.data.entriesChecked} entries checked)`
              : `Chain broken at entry ${verify.data.brokenAt}: ${verify.data.reason}`}
          </span>
        )}
        <button type="button" className={buttonClass} onClick={() => verify.mutate()} disabled={verify.isPending}>Verify chain</button>
      </span>
    }>
      {verify.isError && <ErrorState error={verify.error} />}
      <div className="mb-3 flex flex-wrap gap-3 text-sm">
        <input aria-label="Filter by user" placeholder="user" className={inputClass} value={filter.user}
          onChange={(e) => { setFilter({ ...filter, user: e.target.value }); setPage(0); }} />
        <input aria-label="Filter by action" placeholder="action" className={inputClass} value={filter.action}
          onChange={(e) => { setFilter({ ...filter, action: e.target.value }); setPage(0); }} />
      </div>
      <QueryView query={entries} what="audit entries" isEmpty={(p) => p.items.length === 0}>
        {(p) => (
          <>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-xs">
                <thead className="uppercase text-slate-500"><tr><th className="py-1">#</th><th>When</th><th>User</th><th>Action</th><th>Request</th><th>Status</th><th>Hash</th></tr></thead>
                <tbody>
                  {p.items.map((entry) => (
                    <tr key={entry.seq} className="border-t border-slate-800">
                      <td className="py-1 pr-2 font-mono">{entry.seq}</td>
                      <td className="pr-2">{formatTime(entry.at)}</td>
                      <td className="pr-2">{entry.user}</td>
                      <td className="pr-2">{entry.action}</td>
                      <td className="pr-2 font-mono">{entry.method} {entry.path}</td>
                      <td className="pr-2">{entry.status}</td>
                      <td className="font-mono text-slate-500">{entry.hash.slice(0, 12)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="mt-2 flex items-center gap-2 text-xs text-slate-400">
              <button type="button" className={secondaryButtonClass} disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
              page {page + 1} of {Math.max(1, Math.ceil(p.total / 50))}
              <button type="button" className={secondaryButtonClass} disabled={(page + 1) * 50 >= p.total} onClick={() => setPage(page + 1)}>Next</button>
            </div>
          </>
        )}
      </QueryView>
    </Card>
  );
}
