-- One row per distinct alert: environment + source + name + labels, hashed into the fingerprint.
-- A repeat raises count and last_seen on the same row; a repeat after resolution fires it again.
create table alert (
    id              uuid primary key,
    fingerprint     text        not null unique,
    environment     text,
    source          text        not null,
    name            text        not null,
    severity        text        not null check (severity in ('error', 'warning', 'info')),
    message         text        not null,
    labels          jsonb       not null,
    status          text        not null check (status in ('firing', 'resolved')),
    first_seen      timestamptz not null,
    last_seen       timestamptz not null,
    count           integer     not null check (count > 0),
    acknowledged_by text,
    acknowledged_at timestamptz,
    resolved_by     text,
    resolved_at     timestamptz,
    row_version     bigint      not null default 0
);
create index alert_last_seen on alert (last_seen desc, id);
create index alert_environment on alert (environment, last_seen desc);
create index alert_firing on alert (status, severity) where status = 'firing';
