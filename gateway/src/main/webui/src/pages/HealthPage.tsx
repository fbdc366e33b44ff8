import { PageTitle } from '../components/Card';

export function HealthPage() {
  return <PageTitle>HealthPage</PageTitle>;
}
