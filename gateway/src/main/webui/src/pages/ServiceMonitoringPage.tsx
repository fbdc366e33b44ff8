import { PageTitle } from '../components/Card';

export function ServiceMonitoringPage() {
  return <PageTitle>ServiceMonitoringPage</PageTitle>;
}
