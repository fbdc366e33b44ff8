import { Link } from 'react-router-dom';
import { PageTitle } from '../components/Card';

export function NotFoundPage() {
  return (
    <div>
      <PageTitle>Page not found</PageTitle>
      <p className="text-sm text-slate-400">Nothing lives at this address. <Link className="text-sky-400 underline" to="/">Back to the dashboard</Link>.</p>
    </div>
  );
}
