-- What monitoring-service knows of each environment, kept up to date from environment-events:
-- the service endpoints it collects from and the cluster it reads node and pod health of.
create table monitored_environment (
    name       text primary key,
    enabled    boolean     not null,
    endpoints  jsonb       not null default '{}',
    cluster    jsonb       not null default '{}',
    updated_at timestamptz not null
);

-- One time series per (environment, service, metric); samples refer to it by a small id so rows stay narrow.
create table series (
    id           integer generated always as identity primary key,
    environment  text not null,
    service_type text not null,
    service_name text not null,
    metric       text not null,
    -- live, or demo for seeded history (labelled as such in the API)
    source       text not null default 'live' check (source in ('live', 'demo')),
    unique (environment, service_type, service_name, metric)
);

-- Raw samples, one partition per UTC day; retention drops whole partitions.
create table sample (
    series_id integer          not null,
    at        timestamptz      not null,
    value     double precision not null
) partition by range (at);
create index sample_series_at on sample (series_id, at);

-- Rollups of the raw samples per bucket; avg = sum / count, so rollups of rollups stay exact.
create table sample_1m (
    series_id integer          not null,
    bucket    timestamptz      not null,
    min       double precision not null,
    max       double precision not null,
    sum       double precision not null,
    count     integer          not null,
    primary key (series_id, bucket)
) partition by range (bucket);

create table sample_1h (
    series_id integer          not null,
    bucket    timestamptz      not null,
    min       double precision not null,
    max       double precision not null,
    sum       double precision not null,
    count     integer          not null,
    primary key (series_id, bucket)
) partition by range (bucket);

-- The latest reading and health of each monitored service, with what the health rules need to remember.
create table service_status (
    target_key        text primary key,
    environment       text        not null,
    service_type      text        not null,
    service_name      text        not null,
    state             text        not null check (state in ('up', 'unreachable', 'error', 'not-configured')),
    health            text        not null check (health in ('healthy', 'degraded', 'unhealthy', 'unknown')),
    reasons           jsonb       not null default '{"list": []}',
    readings          jsonb       not null default '{}',
    facts             jsonb       not null default '{}',
    error             text,
    source            text        not null check (source in ('live', 'demo')),
    last_block        bigint,
    stalled_intervals integer     not null default 0,
    collected_at      timestamptz not null,
    health_since      timestamptz not null,
    unique (environment, service_type, service_name)
);
