import { useState } from 'react';
import { useApi, useApiMutation } from '../../api/hooks';
import type { Component } from '../../api/types';
import { Card, EnableButton, buttonClass, inputClass, secondaryButtonClass } from '../../components/Card';
import { ErrorState, QueryView } from '../../components/States';
import { StatusBadge } from '../../components/Badges';
import { formatTime } from '../../components/format';

export function ComponentsTab({ kind }: { kind: 'services' | 'providers' }) {
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
