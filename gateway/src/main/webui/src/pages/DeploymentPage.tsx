import { PageTitle } from '../components/Card';

export function DeploymentPage() {
  return <PageTitle>DeploymentPage</PageTitle>;
}
