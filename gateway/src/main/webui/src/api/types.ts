/** The payloads of the portal's API as the gateway returns them (records of the services). */

export type Role = 'viewer' | 'operator' | 'admin';

export interface ResultPage<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

export interface IssuedToken {
  token: string;
  tokenType: string;
  expiresAt: string;
  username: string;
  role: Role;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Record<string, unknown>;
}

export interface Environment {
  name: string;
  displayName: string;
  description?: string;
  provider: string;
  type: string;
  regions: string[];
  regionPolicy?: unknown;
  enabled: boolean;
  components: Record<string, boolean>;
  cluster?: Record<string, unknown> | null;
  endpoints?: Record<string, unknown> | null;
  labels?: Record<string, string>;
  dryRun: boolean;
  createdAt?: string;
  updatedAt?: string;
  updatedBy?: string;
}

export interface ProviderGroups {
  groups: { provider: string; total: number; enabled: number; environments: Environment[] }[];
  total: number;
  enabled: number;
  providers: number;
}

export type DeploymentStatus = 'queued' | 'deploying' | 'completed' | 'failed' | 'rolled_back';
export type Strategy = 'rolling' | 'blue-green' | 'canary';

export interface Deployment {
  id: string;
  environment: string;
  version: string;
  strategy: Strategy;
  status: DeploymentStatus;
  dryRun: boolean;
  triggeredBy?: string;
  requestedBy?: string;
  currentStep?: string | null;
  progress: number;
  error?: string | null;
  rollingBack: boolean;
  createdAt: string;
  scheduledFor?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
  rollbackOf?: string | null;
}

export interface EnvironmentStatus {
  environment: string;
  enabled: boolean;
  dryRun: boolean;
  active: Deployment | null;
  latest: Deployment | null;
}

export interface LogLine {
  id: number;
  deploymentId: string;
  at: string;
  level: string;
  step?: string | null;
  message: string;
}

export interface LogPage {
  deploymentId: string;
  lines: LogLine[];
  next: number;
  status: DeploymentStatus;
}

export interface ServiceStatus {
  environment: string;
  serviceType: string;
  serviceName: string;
  state: string;
  health: string;
  reasons: string[];
  values: Record<string, number>;
  facts: Record<string, string>;
  error?: string | null;
  source: string;
  collectedAt?: string | null;
  healthSince?: string | null;
}

export interface EnvironmentHealth {
  environment: string;
  health: string;
  source: string;
  services: ServiceStatus[];
}

export interface MonitoringDashboard {
  generatedAt: string;
  servicesByHealth: Record<string, number>;
  environments: EnvironmentHealth[];
}

export interface MetricSeries {
  serviceType: string;
  serviceName: string;
  metric: string;
  source: string;
  points: { at: string; avg: number; min: number; max: number; count: number }[];
}

export interface MetricsRange {
  environment: string;
  from: string;
  to: string;
  step: string;
  resolution: string;
  series: MetricSeries[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface Alert {
  id: string;
  environment?: string | null;
  source: string;
  name: string;
  severity: Severity;
  message: string;
  labels: Record<string, string>;
  status: 'firing' | 'resolved';
  firstSeen: string;
  lastSeen: string;
  count: number;
  acknowledged: boolean;
  acknowledgedBy?: string | null;
  acknowledgedAt?: string | null;
  resolvedBy?: string | null;
  resolvedAt?: string | null;
  fingerprint: string;
  silenced: boolean;
}

export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  state: string;
  createdBy: string;
  comment: string;
  createdAt: string;
  expiredBy?: string | null;
}

export interface CostSummary {
  from: string;
  to: string;
  currency: string;
  total: number;
  byProvider: Record<string, number>;
  byEnvironment: Record<string, number>;
  byResourceType: Record<string, number>;
  byServiceCategory: Record<string, number>;
}

export interface CostTrend {
  from: string;
  to: string;
  days: number;
  currency: string;
  total: number;
  series: { date: string; amount: number }[];
}

export interface CostForecast {
  month: string;
  asOf: string;
  currency: string;
  monthToDate: number;
  dailyRate: number;
  rateDays: number;
  daysRemaining: number;
  forecast: number;
}

export interface CostRecord {
  id: number;
  environment?: string | null;
  provider: string;
  resourceType: string;
  date: string;
  amount: number;
  currency: string;
  source: string;
}

export interface Budget {
  id: string;
  name: string;
  environment?: string | null;
  provider?: string | null;
  amount: number;
  currency: string;
  period: string;
  thresholds: number[];
  periodStart: string;
  periodEnd: string;
  spent: number;
  ratio: number;
}

export interface Component {
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  updatedBy?: string | null;
  updatedAt?: string | null;
}

export interface User {
  username: string;
  role: Role;
  enabled: boolean;
  lockedUntil?: string | null;
  createdAt: string;
  updatedAt?: string | null;
  updatedBy?: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  service: string;
  user: string;
  clientIp?: string | null;
  action: string;
  method: string;
  path: string;
  resourceType?: string | null;
  resourceId?: string | null;
  status: number;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditVerification {
  intact: boolean;
  entriesChecked: number;
  brokenAt?: number | null;
  reason?: string | null;
}

/** What the gateway's WebSocket pushes. */
export interface LiveMessage {
  type: string;
  data: unknown;
  time: string;
  id: string;
  event: string;
  subject?: string | null;
}
