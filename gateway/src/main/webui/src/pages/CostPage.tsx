import { PageTitle } from '../components/Card';

export function CostPage() {
  return <PageTitle>CostPage</PageTitle>;
}
