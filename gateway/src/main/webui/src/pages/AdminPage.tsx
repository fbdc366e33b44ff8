import { PageTitle } from '../components/Card';

export function AdminPage() {
  return <PageTitle>AdminPage</PageTitle>;
}
