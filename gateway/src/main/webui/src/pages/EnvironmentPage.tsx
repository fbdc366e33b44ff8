import { PageTitle } from '../components/Card';

export function EnvironmentPage() {
  return <PageTitle>EnvironmentPage</PageTitle>;
}
