import { NavLink } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';

const LINKS: { to: string; label: string; end?: boolean }[] = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/dashboard/health', label: 'Health' },
  { to: '/dashboard/costs', label: 'Costs' },
  { to: '/monitoring', label: 'Monitoring', end: true },
  { to: '/monitoring/besu', label: '· Besu' },
  { to: '/monitoring/cacti', label: '· Cacti' },
  { to: '/monitoring/firefly', label: '· FireFly' },
  { to: '/monitoring/chainlink-ccip', label: '· Chainlink CCIP' },
  { to: '/alerts', label: 'Alerts' },
];

export function NavigationPanel() {
  const { can } = useAuth();
  // The admin panel shows others the one tab they may use: the notification channels, read-only.
  const links = [...LINKS, { to: '/admin', label: can('admin') ? 'Admin' : 'Notification channels' }];
  return (
    <nav aria-label="Main" className="flex h-full flex-col gap-0.5 bg-slate-900 p-2">
      {links.map((link) => (
        <NavLink key={link.to} to={link.to} end={link.end}
          className={({ isActive }) => `truncate rounded px-3 py-1.5 text-sm ${isActive
            ? 'bg-sky-900/60 text-sky-100' : 'text-slate-300 hover:bg-slate-800'}`}>
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
}
