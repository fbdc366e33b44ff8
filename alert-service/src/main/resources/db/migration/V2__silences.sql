-- A silence mutes notifications of the alerts its matchers select, from starts_at until ends_at.
-- Alerts keep being recorded; expiring a silence early sets ends_at to the time it was expired.
create table silence (
    id         uuid primary key,
    matchers   jsonb       not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    created_by text        not null,
    comment    text        not null,
    created_at timestamptz not null,
    expired_by text,
    row_version bigint     not null default 0,
    check (ends_at > starts_at or expired_by is not null)
);
create index silence_ends_at on silence (ends_at);
