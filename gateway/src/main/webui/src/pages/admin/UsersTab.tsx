import { useState, type FormEvent } from 'react';
import { useApi, useApiMutation } from '../../api/hooks';
import type { NewUser, PasswordReset, Role, User, UserChange } from '../../api/types';
import { Card, EnableButton, buttonClass, inputClass, secondaryButtonClass } from '../../components/Card';
import { ErrorState, QueryView } from '../../components/States';
import { StatusBadge } from '../../components/Badges';
import { formatTime } from '../../components/format';
import { AdminTable, Field, violationsOf } from './forms';

const ROLES: Role[] = ['viewer', 'operator', 'admin'];
// The service's own rule (NewUser, PasswordReset): 12 to 256 characters.
const PASSWORD_MIN = 12;
const PASSWORD_MAX = 256;

function RoleOptions() {
  return <>{ROLES.map((role) => <option key={role} value={role}>{role}</option>)}</>;
}

/** The portal's users: role, enabled state, password. The API has no delete: disabling a user is how one is retired. */
export function UsersTab() {
  const users = useApi<User[]>(['admin', 'users'], '/api/admin/users');
  const [resetting, setResetting] = useState<string | null>(null);
  const change = useApiMutation<UserChange & { username: string }, User>(
    ({ username, ...body }) => ({ method: 'PATCH', path: `/api/admin/users/${encodeURIComponent(username)}`, body }), ['admin']);
  return (
    <div className="space-y-4">
      <Card title="Users">
        {change.isError && <ErrorState error={change.error} />}
        <QueryView query={users} what="users" isEmpty={(list) => list.length === 0}>
          {(list) => (
            <AdminTable columns={<><th className="py-1">User</th><th>Role</th><th>State</th><th>Changed</th><th /></>}>
              {list.map((user) => (
                <UserRow key={user.username} user={user} resetting={resetting === user.username}
                  onReset={() => setResetting(resetting === user.username ? null : user.username)}
                  onChange={(body) => change.mutate({ username: user.username, ...body })} busy={change.isPending} />
              ))}
            </AdminTable>
          )}
        </QueryView>
      </Card>
      <NewUserForm />
    </div>
  );
}

function UserRow({ user, resetting, onReset, onChange, busy }: {
  user: User;
  resetting: boolean;
  onReset: () => void;
  onChange: (change: UserChange) => void;
  busy: boolean;
}) {
  return (
    <>
      <tr className="border-t border-slate-800" data-user={user.username}>
        <td className="py-1.5 pr-2 font-mono">{user.username}</td>
        <td className="pr-2">
          <select aria-label={`Role of ${user.username}`} className={inputClass} value={user.role} disabled={busy}
            onChange={(e) => onChange({ role: e.target.value as Role })}>
            <RoleOptions />
          </select>
        </td>
        <td className="pr-2"><StatusBadge status={user.enabled ? 'enabled' : 'disabled'} />
          {user.lockedUntil && <span className="ml-1 text-xs text-amber-300">locked until {formatTime(user.lockedUntil)}</span>}</td>
        <td className="pr-2 text-xs text-slate-400">{formatTime(user.updatedAt ?? user.createdAt)} · {user.updatedBy}</td>
        <td className="text-right">
          <span className="inline-flex flex-wrap justify-end gap-2">
            <EnableButton enabled={user.enabled} disabled={busy} onToggle={() => onChange({ enabled: !user.enabled })} />
            <button type="button" className={secondaryButtonClass} aria-expanded={resetting} onClick={onReset}>Set password</button>
          </span>
        </td>
      </tr>
      {resetting && (
        <tr><td colSpan={5} className="pb-3"><PasswordForm username={user.username} onDone={onReset} /></td></tr>
      )}
    </>
  );
}

function PasswordForm({ username, onDone }: { username: string; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const reset = useApiMutation<PasswordReset, User>(
    (body) => ({ method: 'POST', path: `/api/admin/users/${encodeURIComponent(username)}/password`, body }), ['admin']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ password }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} aria-label={`New password for ${username}`} className="flex flex-wrap items-end gap-3 rounded bg-slate-950/60 p-2 text-sm">
      <Field label={`New password for ${username} (${PASSWORD_MIN}-${PASSWORD_MAX} characters; also unlocks the account)`}
        field="password" violations={violationsOf(reset.error)}>
        <input required type="password" autoComplete="new-password" minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX}
          className={inputClass} value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" className={buttonClass} disabled={reset.isPending}>Save password</button>
      <button type="button" className={secondaryButtonClass} onClick={onDone}>Cancel</button>
      {reset.isError && <div className="w-full"><ErrorState error={reset.error} /></div>}
    </form>
  );
}

function NewUserForm() {
  const empty: NewUser = { username: '', password: '', role: 'viewer' };
  const [form, setForm] = useState<NewUser>(empty);
  const create = useApiMutation<NewUser, User>((body) => ({ method: 'POST', path: '/api/admin/users', body }), ['admin']);
  const violations = violationsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(form, { onSuccess: () => setForm(empty) });
  };
  return (
    <Card title="Add a user">
      <form onSubmit={submit} aria-label="Add a user" className="flex flex-wrap items-end gap-3 text-sm">
        <Field label="Username" field="username" violations={violations}>
          <input required className={inputClass} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        </Field>
        <Field label={`Password (${PASSWORD_MIN}+ characters)`} field="password" violations={violations}>
          <input required type="password" autoComplete="new-password" minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} className={inputClass}
            value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </Field>
        <Field label="Role" field="role" violations={violations}>
          <select className={inputClass} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            <RoleOptions />
          </select>
        </Field>
        <button type="submit" className={buttonClass} disabled={create.isPending}>Add user</button>
      </form>
      {create.isError && <ErrorState error={create.error} />}
    </Card>
  );
}
