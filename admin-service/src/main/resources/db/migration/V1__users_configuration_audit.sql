create table admin_user (
    username        text primary key,
    password_hash   text not null,
    role            text not null check (role in ('viewer', 'operator', 'admin')),
    enabled         boolean not null default true,
    failed_logins   integer not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    updated_by      text not null,
    row_version     bigint not null default 0
);

-- Configuration of the platform's services (besu, cacti, ...) and of the cloud providers, one table: same shape.
create table component_config (
    id              text primary key,           -- kind:name
    kind            text not null check (kind in ('service', 'provider')),
    name            text not null,
    enabled         boolean not null,
    config          jsonb not null default '{}'::jsonb,
    updated_by      text not null,
    updated_at      timestamptz not null,
    row_version     bigint not null default 0,
    unique (kind, name)
);

-- Append-only: each row's hash covers its fields and the previous row's hash, so an edited or removed row breaks
-- the chain from there on (GET /api/admin/audit-logs/verify finds where).
create table audit_log (
    seq             bigint primary key,
    event_id        text not null unique,
    at              timestamptz not null,
    service         text not null,
    actor           text not null,
    client_ip       text,
    action          text not null,
    method          text not null,
    path            text not null,
    resource_type   text,
    resource_id     text,
    status          integer not null,
    previous_hash   text not null,
    hash            text not null
);
create index audit_log_actor on audit_log (actor, seq);
create index audit_log_at on audit_log (at);
