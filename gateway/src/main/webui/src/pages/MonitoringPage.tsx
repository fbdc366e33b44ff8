import { PageTitle } from '../components/Card';

export function MonitoringPage() {
  return <PageTitle>MonitoringPage</PageTitle>;
}
