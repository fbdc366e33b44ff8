import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { ReactNode } from 'react';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { LiveFeedProvider } from './live/LiveFeed';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { DashboardPage } from './pages/DashboardPage';
import { EnvironmentPage } from './pages/EnvironmentPage';
import { DeploymentPage } from './pages/DeploymentPage';
import { HealthPage } from './pages/HealthPage';
import { CostPage } from './pages/CostPage';
import { MonitoringPage } from './pages/MonitoringPage';
import { ServiceMonitoringPage } from './pages/ServiceMonitoringPage';
import { AlertsPage } from './pages/AlertsPage';
import { AdminPage } from './pages/AdminPage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App() {
  return (
    <AuthProvider>
      <Live>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<SignedIn><AppLayout /></SignedIn>}>
            <Route index element={<DashboardPage />} />
            <Route path="dashboard/health" element={<HealthPage />} />
            <Route path="dashboard/costs" element={<CostPage />} />
            <Route path="monitoring" element={<MonitoringPage />} />
            <Route path="monitoring/:type" element={<ServiceMonitoringPage />} />
            <Route path="environments/:name" element={<EnvironmentPage />} />
            <Route path="deployments/:id" element={<DeploymentPage />} />
            <Route path="alerts" element={<AlertsPage />} />
            <Route path="admin" element={<AdminPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Live>
    </AuthProvider>
  );
}

function Live({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  return <LiveFeedProvider token={session?.token ?? null}>{children}</LiveFeedProvider>;
}

/** Views need a session: without one the user signs in first and comes back to the link they opened. */
function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}
