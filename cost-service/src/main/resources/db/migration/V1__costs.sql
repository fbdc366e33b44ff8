-- What cost-service knows of each environment, kept up to date from environment-events.
create table environment_ref (
    name            text primary key,
    provider        text        not null,
    cluster_context text,
    -- {"allowed": [...], "denied": [...]}: the regions the environment may use.
    region_policy   jsonb       not null,
    updated_at      timestamptz not null
);

-- One charge: a day (week, month) of one resource's or one category's cost, in its own currency.
create table cost_record (
    id               bigserial primary key,
    -- null: the charge matched no environment (kept as unallocated, never dropped).
    environment      text,
    provider         text          not null,
    resource_type    text          not null check (resource_type in ('compute', 'storage', 'network', 'database', 'other')),
    service_category text,
    resource_id      text,
    region           text,
    period           text          not null check (period in ('daily', 'weekly', 'monthly')),
    charge_start     timestamptz   not null,
    charge_end       timestamptz   not null check (charge_end > charge_start),
    -- The UTC day the charge counts on in summaries and trends: the day its period starts.
    usage_date       date          not null,
    amount           numeric(20, 6) not null,
    currency         text          not null,
    source           text          not null check (source in ('manual', 'import', 'demo')),
    import_id        uuid,
    created_by       text          not null,
    created_at       timestamptz   not null
);
create index cost_record_by_day on cost_record (usage_date, environment);
create index cost_record_by_environment on cost_record (environment, usage_date);
create index cost_record_by_import on cost_record (import_id);

-- Rows of an import not yet swapped in; unlogged because a crash only loses an unfinished import.
create unlogged table cost_staging (
    import_id        uuid          not null,
    environment      text,
    provider         text          not null,
    resource_type    text          not null,
    service_category text,
    resource_id      text,
    region           text,
    period           text          not null,
    charge_start     timestamptz   not null,
    charge_end       timestamptz   not null,
    usage_date       date          not null,
    amount           numeric(20, 6) not null,
    currency         text          not null
);
create index cost_staging_by_import on cost_staging (import_id);

create table cost_import (
    id             uuid primary key,
    status         text        not null check (status in ('staging', 'completed', 'rejected')),
    on_error       text        not null check (on_error in ('reject', 'import')),
    first_day      date,
    last_day       date,
    providers      text,
    rows_read      bigint      not null default 0,
    rows_imported  bigint      not null default 0,
    rows_rejected  bigint      not null default 0,
    rows_unallocated bigint    not null default 0,
    rows_replaced  bigint      not null default 0,
    -- {"errors": [{"line": n, "reason": "..."}], "errorsTruncated": bool}
    report         jsonb       not null,
    imported_by    text        not null,
    created_at     timestamptz not null,
    completed_at   timestamptz
);

create table budget (
    id          uuid primary key,
    name        text          not null,
    environment text,
    provider    text,
    amount      numeric(20, 6) not null check (amount > 0),
    currency    text          not null,
    period      text          not null check (period in ('monthly', 'weekly', 'daily')),
    -- Fractions of the amount, ascending, e.g. "0.8,1".
    thresholds  text          not null,
    created_by  text          not null,
    created_at  timestamptz   not null,
    check ((environment is null) <> (provider is null))
);

-- A threshold fires once per budget period: the row is the memory of it.
create table budget_crossing (
    budget_id    uuid          not null references budget (id) on delete cascade,
    period_start date          not null,
    threshold    numeric(8, 4) not null,
    amount       numeric(20, 6) not null,
    crossed_at   timestamptz   not null,
    primary key (budget_id, period_start, threshold)
);

-- A day's anomaly fires once per scope ('' is unallocated spend).
create table cost_anomaly (
    environment text          not null,
    day         date          not null,
    amount      numeric(20, 6) not null,
    expected    numeric(20, 6) not null,
    detected_at timestamptz   not null,
    primary key (environment, day)
);

-- A resource seen in a region its environment's policy forbids; reported (and its event sent) once.
create table region_violation (
    environment text        not null,
    resource_id text        not null,
    region      text        not null,
    provider    text        not null,
    first_seen  timestamptz not null,
    primary key (environment, resource_id, region)
);
