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

export type BudgetPeriod = 'daily' | 'weekly' | 'monthly';

/** A budget as an operator declares it (cost-service BudgetInput): for one environment or one provider; left out means the default. */
export interface BudgetInput {
  name: string;
  environment?: string;
  provider?: string;
  amount: number;
  currency?: string;
  period?: BudgetPeriod;
  /** Fractions of the amount (0.8 and 1 by default). */
  thresholds?: number[];
}

/** A budget with its current period's spend (cost-service BudgetView). */
export interface Budget {
  id: string;
  name: string;
  environment?: string | null;
  provider?: string | null;
  amount: number;
  currency: string;
  period: BudgetPeriod;
  thresholds: number[];
  periodStart: string;
  periodEnd: string;
  spent: number;
  ratio: number;
  createdBy: string;
  createdAt: string;
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

// Operations: rollback, health checks, cost imports, deliveries

/** One check of a health check (deployment-service CheckResult): a skipped check was not run, and its detail says why. */
export interface CheckResult {
  name: string;
  passed: boolean;
  skipped: boolean;
  detail?: string | null;
}

/** POST /api/environments/{name}/health-check (deployment-service HealthReport): healthy when every check passed or was skipped. */
export interface HealthReport {
  environment: string;
  color?: 'blue' | 'green' | null;
  healthy: boolean;
  checks: CheckResult[];
  checkedAt: string;
}

/** One cost as the cost service shows it, in its own currency (cost-service CostView). */
export interface CostView {
  id: number;
  environment?: string | null;
  unallocated: boolean;
  provider: string;
  resourceType: string;
  serviceCategory?: string | null;
  resourceId?: string | null;
  region?: string | null;
  period: 'daily' | 'weekly' | 'monthly';
  chargeStart?: string | null;
  chargeEnd?: string | null;
  date: string;
  amount: number;
  currency: string;
  source: 'manual' | 'import' | 'demo';
  importId?: string | null;
  createdBy?: string | null;
  createdAt?: string | null;
}

/** Why a line of a FOCUS file was not imported. */
export interface LineError {
  line: number;
  reason: string;
}

/** What a FOCUS import did (cost-service ImportReport): {@code errors} holds the first line errors, errorsTruncated says there were more. */
export interface ImportReport {
  id: string;
  status: string;
  onError: 'reject' | 'import';
  firstDay?: string | null;
  lastDay?: string | null;
  providers: string[];
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  rowsUnallocated: number;
  rowsReplaced: number;
  errors: LineError[];
  errorsTruncated: boolean;
  importedBy: string;
  createdAt: string;
  completedAt?: string | null;
}

/** One try of a notification (alert-service DeliveryView.Try). */
export interface DeliveryTry {
  at: string;
  succeeded: boolean;
  httpStatus?: number | null;
  error?: string | null;
}

/** One notification of an alert on a channel, with every try (alert-service DeliveryView). */
export interface Delivery {
  id: string;
  channelId: string;
  channel: string;
  channelType: 'slack' | 'pagerduty' | 'email' | 'webhook';
  kind: 'trigger' | 'resolve';
  status: 'pending' | 'sent' | 'failed' | 'silenced' | 'cancelled';
  attempts: number;
  createdAt: string;
  dueAt?: string | null;
  sentAt?: string | null;
  lastError?: string | null;
  tries: DeliveryTry[];
}

// Admin panel: users, environments, notification channels

/** One bean-validation fault, as problem+json lists them under `violations`. */
export interface FieldViolation {
  field: string;
  message: string;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
}

/** The fields given are changed, the others kept (PATCH /api/admin/users/{username}). */
export interface UserChange {
  role?: Role;
  enabled?: boolean;
}

/** POST /api/admin/users/{username}/password: 12 to 256 characters; it also unlocks the account. */
export interface PasswordReset {
  password: string;
}

export type Provider = 'azure' | 'aws' | 'gcp' | 'ibm' | 'oci' | 'onprem';
export type EnvironmentType = 'cloud' | 'hci';

export interface RegionPolicy {
  allowed: string[];
  denied: string[];
}

/** How to reach an environment's cluster; credentialsSecret names a Kubernetes Secret, never holds credentials. */
export interface ClusterAccess {
  apiServer?: string | null;
  context?: string | null;
  namespace?: string | null;
  credentialsSecret?: string | null;
}

export interface ServiceEndpoints {
  besuRpc?: string | null;
  besuMetrics?: string | null;
  cacti?: string | null;
  firefly?: string | null;
  ccipRouter?: string | null;
  prometheus?: string | null;
}

/** An environment's declaration, the body of POST /api/admin/environments and PUT /api/admin/environments/{name}. */
export interface EnvironmentSpec {
  name: string;
  displayName?: string;
  description?: string;
  provider: Provider;
  type: EnvironmentType;
  regions: string[];
  regionPolicy?: RegionPolicy;
  enabled?: boolean;
  components?: Record<string, boolean>;
  cluster?: ClusterAccess;
  endpoints?: ServiceEndpoints;
  labels?: Record<string, string>;
}

/** One fault of the catalogue file: line (1-based, 0 when unknown) and field. */
export interface CatalogueError {
  line: number;
  field: string;
  message: string;
}

/** What a catalogue reload changed. */
export interface SyncReport {
  file: string;
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: number;
}

/** GET /api/admin/environments/catalogue: the outcome of the last load of the catalogue file. */
export interface CatalogueStatus {
  file: string;
  valid: boolean;
  checkedAt?: string | null;
  errors: CatalogueError[];
  lastSync?: SyncReport | null;
}

export type ChannelType = 'slack' | 'pagerduty' | 'email' | 'webhook';

/** A notification channel as the API shows it: URLs cut to their host, routing keys to their last four characters. */
export interface NotificationChannel {
  id: string;
  name: string;
  type: ChannelType;
  url?: string | null;
  routingKey?: string | null;
  to?: string[] | null;
  secretSet: boolean;
  minSeverity: Severity;
  environments: string[];
  groupWait: string;
  repeatInterval: string;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt?: string | null;
}

/**
 * A channel's declaration (POST, PUT replaces it whole). slack: url; pagerduty: routingKey (url optional); email: to;
 * webhook: url and secret (16-200 characters). groupWait and repeatInterval are ISO-8601 durations.
 */
export interface ChannelRequest {
  name: string;
  type: ChannelType;
  url?: string;
  routingKey?: string;
  to?: string[];
  secret?: string;
  minSeverity?: Severity;
  environments?: string[];
  groupWait?: string;
  repeatInterval?: string;
  enabled?: boolean;
}
