import { Link } from 'react-router-dom';
import type { Deployment } from '../api/types';
import { StatusBadge } from './Badges';
import { formatTime } from './format';

export function DeploymentTable({ deployments, showEnvironment = true }: { deployments: Deployment[]; showEnvironment?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1 pr-3">Deployment</th>
            {showEnvironment && <th className="py-1 pr-3">Environment</th>}
            <th className="py-1 pr-3">Version</th>
            <th className="py-1 pr-3">Strategy</th>
            <th className="py-1 pr-3">Status</th>
            <th className="py-1 pr-3">Progress</th>
            <th className="py-1 pr-3">Requested</th>
          </tr>
        </thead>
        <tbody>
          {deployments.map((d) => (
            <tr key={d.id} className="border-t border-slate-800" data-deployment={d.id}>
              <td className="py-1 pr-3 font-mono text-xs"><Link className="text-sky-400 hover:underline" to={`/deployments/${d.id}`}>{d.id.slice(0, 8)}</Link></td>
              {showEnvironment && <td className="py-1 pr-3"><Link className="hover:underline" to={`/environments/${d.environment}`}>{d.environment}</Link></td>}
              <td className="py-1 pr-3 font-mono">{d.version}</td>
              <td className="py-1 pr-3">{d.strategy}{d.dryRun && <span className="ml-1 text-xs text-slate-500">(dry run)</span>}</td>
              <td className="py-1 pr-3"><StatusBadge status={d.status} /></td>
              <td className="py-1 pr-3">{d.progress}%</td>
              <td className="py-1 pr-3 text-xs text-slate-400">{formatTime(d.createdAt)} · {d.requestedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
