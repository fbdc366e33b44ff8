import { useState, type ReactNode } from 'react';
import type { Role } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { PageTitle } from '../components/Card';
import { AuditTab } from './admin/AuditTab';
import { ChannelsTab } from './admin/ChannelsTab';
import { ComponentsTab } from './admin/ComponentsTab';
import { EnvironmentsTab } from './admin/EnvironmentsTab';
import { UsersTab } from './admin/UsersTab';

/** Each tab with the least role whose calls it needs: the services refuse the others, so they are not shown. */
const TABS: { id: string; label: string; role: Role; view: () => ReactNode }[] = [
  { id: 'environments', label: 'Environments', role: 'admin', view: () => <EnvironmentsTab /> },
  { id: 'services', label: 'Services', role: 'admin', view: () => <ComponentsTab kind="services" /> },
  { id: 'providers', label: 'Providers', role: 'admin', view: () => <ComponentsTab kind="providers" /> },
  { id: 'users', label: 'Users', role: 'admin', view: () => <UsersTab /> },
  { id: 'channels', label: 'Notification channels', role: 'viewer', view: () => <ChannelsTab /> },
  { id: 'audit', label: 'Audit log', role: 'admin', view: () => <AuditTab /> },
];

export function AdminPage() {
  const { can } = useAuth();
  const tabs = TABS.filter((t) => can(t.role));
  const [chosen, setChosen] = useState<string>();
  const current = tabs.find((t) => t.id === chosen) ?? tabs[0];
  if (!current) {
    return <div><PageTitle>Admin</PageTitle><p className="text-sm text-slate-400">The admin panel is for admins only.</p></div>;
  }
  return (
    <div className="space-y-4">
      <PageTitle>{can('admin') ? 'Admin' : 'Notification channels'}</PageTitle>
      {!can('admin') && <p className="text-sm text-slate-400">Only the notification channels are shown: the rest of the admin panel is for admins.</p>}
      <div role="tablist" className="flex flex-wrap gap-1 border-b border-slate-800">
        {tabs.map((t) => (
          <button key={t.id} role="tab" type="button" aria-selected={t === current} onClick={() => setChosen(t.id)}
            className={`rounded-t px-3 py-1.5 text-sm ${t === current ? 'bg-slate-800 text-slate-100' : 'text-slate-400 hover:text-slate-200'}`}>
            {t.label}
          </button>
        ))}
      </div>
      {current.view()}
    </div>
  );
}
