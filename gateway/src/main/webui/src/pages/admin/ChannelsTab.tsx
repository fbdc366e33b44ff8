import { useState, type FormEvent } from 'react';
import { useApi, useApiMutation } from '../../api/hooks';
import type { ChannelRequest, ChannelType, NotificationChannel, Severity } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Card, buttonClass, inputClass, secondaryButtonClass } from '../../components/Card';
import { ErrorState, QueryView } from '../../components/States';
import { StatusBadge } from '../../components/Badges';
import { AdminTable, Choice, Field, RowActions, given, listOf, violationsOf } from './forms';

const TYPES: ChannelType[] = ['slack', 'pagerduty', 'email', 'webhook'];
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const pathOf = (id: string) => `/api/notification-channels/${encodeURIComponent(id)}`;

/** Where the type sends to, as the API shows it (URLs cut to their host, keys to their last four characters). */
function targetOf(channel: NotificationChannel): string {
  switch (channel.type) {
    case 'email':
      return (channel.to ?? []).join(', ');
    case 'pagerduty':
      return `key ${channel.routingKey ?? '—'}${channel.url ? ` via ${channel.url}` : ''}`;
    case 'webhook':
      return `${channel.url ?? '—'} · ${channel.secretSet ? 'signed' : 'no secret'}`;
    default:
      return channel.url ?? '—';
  }
}

/** Everyone may see the channels (secrets masked); only admins add, change or remove them. */
export function ChannelsTab() {
  const { can } = useAuth();
  const admin = can('admin');
  const channels = useApi<NotificationChannel[]>(['admin', 'channels'], '/api/notification-channels');
  const [editing, setEditing] = useState<NotificationChannel | 'new' | null>(null);
  const remove = useApiMutation<string, void>((id) => ({ method: 'DELETE', path: pathOf(id) }), ['admin']);
  return (
    <Card title="Notification channels" actions={admin && editing === null && (
      <button type="button" className={buttonClass} onClick={() => setEditing('new')}>Add channel</button>
    )}>
      {admin && editing && (
        <ChannelForm key={editing === 'new' ? '+' : editing.id} channel={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)} />
      )}
      {remove.isError && <ErrorState error={remove.error} />}
      <QueryView query={channels} what="notification channels" isEmpty={(list) => list.length === 0}
        empty="No notification channel: alerts are only shown in the portal.">
        {(list) => (
          <AdminTable columns={<><th className="py-1">Channel</th><th>Sends to</th><th>Routing</th><th>Timing</th><th>State</th>{admin && <th />}</>}>
            {list.map((channel) => (
              <tr key={channel.id} className="border-t border-slate-800 align-top" data-channel={channel.name}>
                <td className="py-1.5 pr-2"><div className="font-mono">{channel.name}</div><div className="text-xs text-slate-500">{channel.type}</div></td>
                <td className="break-all pr-2 font-mono text-xs text-slate-300">{targetOf(channel)}</td>
                <td className="pr-2 text-xs"><StatusBadge status={channel.minSeverity} /> and worse ·{' '}
                  {channel.environments.length ? channel.environments.join(', ') : 'every environment'}</td>
                <td className="pr-2 text-xs text-slate-400">wait {channel.groupWait}, repeat {channel.repeatInterval}</td>
                <td className="pr-2"><StatusBadge status={channel.enabled ? 'enabled' : 'disabled'} /></td>
                {admin && (
                  <RowActions onEdit={() => setEditing(channel)} removeLabel="Delete" question={`Delete ${channel.name} and its deliveries?`}
                    onRemove={() => remove.mutate(channel.id)} busy={remove.isPending} />
                )}
              </tr>
            ))}
          </AdminTable>
        )}
      </QueryView>
    </Card>
  );
}

interface ChannelDraft {
  name: string;
  type: ChannelType;
  url: string;
  routingKey: string;
  to: string;
  secret: string;
  minSeverity: Severity;
  environments: string;
  groupWait: string;
  repeatInterval: string;
  enabled: boolean;
}

function draftOf(channel?: NotificationChannel): ChannelDraft {
  return {
    name: channel?.name ?? '',
    type: channel?.type ?? 'slack',
    // The API never shows a channel's URL, key or secret whole: an edit enters them again (PUT replaces them all).
    url: '',
    routingKey: '',
    to: (channel?.to ?? []).join(', '),
    secret: '',
    minSeverity: channel?.minSeverity ?? 'warning',
    environments: (channel?.environments ?? []).join(', '),
    groupWait: channel?.groupWait ?? 'PT30S',
    repeatInterval: channel?.repeatInterval ?? 'PT4H',
    enabled: channel?.enabled ?? true,
  };
}

/** The request with only the settings the channel's type uses. */
export function channelRequestOf(draft: ChannelDraft): ChannelRequest {
  const common = {
    name: draft.name.trim(), type: draft.type, minSeverity: draft.minSeverity, environments: listOf(draft.environments),
    groupWait: given(draft.groupWait), repeatInterval: given(draft.repeatInterval), enabled: draft.enabled,
  };
  switch (draft.type) {
    case 'pagerduty':
      return { ...common, routingKey: given(draft.routingKey), url: given(draft.url) };
    case 'email':
      return { ...common, to: listOf(draft.to) };
    case 'webhook':
      return { ...common, url: given(draft.url), secret: given(draft.secret) };
    default:
      return { ...common, url: given(draft.url) };
  }
}

function ChannelForm({ channel, onDone }: { channel?: NotificationChannel; onDone: () => void }) {
  const [draft, setDraft] = useState<ChannelDraft>(() => draftOf(channel));
  const save = useApiMutation<ChannelRequest, NotificationChannel>((body) => (channel
    ? { method: 'PUT', path: pathOf(channel.id), body }
    : { method: 'POST', path: '/api/notification-channels', body }), ['admin']);
  const violations = violationsOf(save.error);
  const set = (next: Partial<ChannelDraft>) => setDraft((current) => ({ ...current, ...next }));
  const input = (key: 'name' | 'url' | 'routingKey' | 'to' | 'secret' | 'environments' | 'groupWait' | 'repeatInterval') =>
    ({ className: `${inputClass} w-full`, value: draft[key], onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value }) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(channelRequestOf(draft), { onSuccess: onDone });
  };
  const title = channel ? `Edit ${channel.name}` : 'Add a notification channel';
  return (
    <form onSubmit={submit} aria-label={title} className="mb-4 space-y-3 rounded border border-slate-700 bg-slate-950/60 p-3 text-sm">
      <h3 className="text-sm font-semibold">{title}</h3>
      {channel && <p className="text-xs text-amber-200">The API never shows a saved URL, routing key or secret: enter them again to save.</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name (lower-case letters, digits, '-')" field="name" violations={violations}>
          <input required maxLength={100} {...input('name')} />
        </Field>
        <Choice label="Type" field="type" violations={violations} value={draft.type} options={TYPES} onChange={(type) => set({ type })} />
        {(draft.type === 'slack' || draft.type === 'webhook') && (
          <Field label={draft.type === 'slack' ? 'Slack webhook URL' : 'Webhook URL'} field="url" violations={violations} wide>
            <input required type="url" maxLength={2000} placeholder="https://" {...input('url')} />
          </Field>
        )}
        {draft.type === 'pagerduty' && (
          <>
            <Field label="Routing key" field="routingKey" violations={violations}><input required maxLength={200} {...input('routingKey')} /></Field>
            <Field label="URL (empty: PagerDuty's Events API v2)" field="url" violations={violations}>
              <input type="url" maxLength={2000} {...input('url')} />
            </Field>
          </>
        )}
        {draft.type === 'email' && (
          <Field label="Recipients (comma-separated e-mail addresses)" field="to" violations={violations} wide>
            <input required {...input('to')} />
          </Field>
        )}
        {draft.type === 'webhook' && (
          <Field label="Signing secret (16-200 characters)" field="secret" violations={violations} wide>
            <input required type="password" autoComplete="off" minLength={16} maxLength={200} {...input('secret')} />
          </Field>
        )}
        <Choice label="Minimum severity" field="minSeverity" violations={violations} value={draft.minSeverity} options={SEVERITIES}
          onChange={(minSeverity) => set({ minSeverity })} />
        <Field label="Environments (comma-separated; empty: all)" field="environments" violations={violations}>
          <input {...input('environments')} />
        </Field>
        <Field label="Group wait (ISO-8601, up to PT1H)" field="groupWait" violations={violations}>
          <input placeholder="PT30S" {...input('groupWait')} />
        </Field>
        <Field label="Repeat interval (ISO-8601, PT1S to P7D)" field="repeatInterval" violations={violations}>
          <input placeholder="PT4H" {...input('repeatInterval')} />
        </Field>
      </div>
      <label className="flex items-center gap-1.5">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> enabled
      </label>
      {save.isError && <ErrorState error={save.error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={secondaryButtonClass} onClick={onDone}>Cancel</button>
        <button type="submit" className={buttonClass} disabled={save.isPending}>{channel ? 'Save changes' : 'Add channel'}</button>
      </div>
    </form>
  );
}
