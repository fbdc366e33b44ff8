-- Where notifications go, and which alerts each channel takes (severity at least min_severity, and
-- one of environments, or any environment when the list is empty).
create table notification_channel (
    id                 uuid primary key,
    name               text        not null unique,
    type               text        not null check (type in ('slack', 'pagerduty', 'email', 'webhook')),
    settings           jsonb       not null,
    min_severity       text        not null check (min_severity in ('error', 'warning', 'info')),
    environments       text[]      not null,
    group_wait_ms      bigint      not null check (group_wait_ms >= 0),
    repeat_interval_ms bigint      not null check (repeat_interval_ms > 0),
    enabled            boolean     not null,
    created_by         text        not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    row_version        bigint      not null default 0
);

-- One notification of one alert on one channel: scheduled with the alert's change, in the same
-- transaction, then sent (and retried with backoff) until it goes out, is muted, or gives up.
create table delivery (
    id          uuid primary key,
    alert_id    uuid        not null references alert (id) on delete cascade,
    channel_id  uuid        not null references notification_channel (id) on delete cascade,
    kind        text        not null check (kind in ('trigger', 'resolve')),
    status      text        not null check (status in ('pending', 'sent', 'failed', 'silenced', 'cancelled')),
    attempts    integer     not null default 0,
    due_at      timestamptz not null,
    created_at  timestamptz not null,
    sent_at     timestamptz,
    last_error  text,
    row_version bigint      not null default 0
);
create index delivery_due on delivery (due_at) where status = 'pending';
create index delivery_of_alert on delivery (alert_id, channel_id, created_at);

-- Every try of a delivery, as the receiver answered it.
create table delivery_attempt (
    id          bigserial primary key,
    delivery_id uuid        not null references delivery (id) on delete cascade,
    at          timestamptz not null,
    succeeded   boolean     not null,
    http_status integer,
    error       text
);
create index delivery_attempt_of on delivery_attempt (delivery_id, id);
