import { PageTitle } from '../components/Card';

export function AlertsPage() {
  return <PageTitle>AlertsPage</PageTitle>;
}
