-- What deployment-service knows of each environment, kept up to date from environment-events.
create table environment_ref (
    name       text primary key,
    provider   text        not null,
    enabled    boolean     not null,
    dry_run    boolean     not null,
    namespace  text,
    components jsonb       not null,
    updated_at timestamptz not null
);

create table deployment (
    id               uuid primary key,
    environment      text        not null,
    version          text        not null,
    strategy         text        not null check (strategy in ('rolling', 'blue-green', 'canary')),
    options          jsonb       not null,
    plan             jsonb       not null,
    status           text        not null check (status in ('queued', 'deploying', 'completed', 'failed', 'rolled_back')),
    dry_run          boolean     not null,
    triggered_by     text        not null check (triggered_by in ('api', 'manual', 'scheduled')),
    requested_by     text        not null,
    idempotency_key  text,
    current_step     text,
    steps_done       integer     not null default 0,
    steps_total      integer     not null default 0,
    error            text,
    created_at       timestamptz not null,
    started_at       timestamptz,
    completed_at     timestamptz,
    lease_owner      text,
    lease_expires_at timestamptz,
    row_version      bigint      not null default 0
);
-- One active deployment per environment, whatever the number of replicas taking requests.
create unique index deployment_one_active_per_environment on deployment (environment)
    where status in ('queued', 'deploying');
create unique index deployment_idempotency_key on deployment (requested_by, idempotency_key)
    where idempotency_key is not null;
create index deployment_recent on deployment (created_at desc, id);

create table deployment_log (
    id            bigserial primary key,
    deployment_id uuid        not null references deployment (id),
    at            timestamptz not null,
    level         text        not null check (level in ('info', 'warn', 'error')),
    step          text,
    message       text        not null
);
create index deployment_log_by_deployment on deployment_log (deployment_id, id);
