-- The live replicas of monitoring-service: each registers itself and refreshes its heartbeat every few seconds;
-- the members are those whose heartbeat is younger than the TTL, and each target belongs to one of them
-- (rendezvous hashing on the target key). A replica leaving cleanly deletes its row.
create table monitoring_replica (
    id           text primary key,
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null
);

-- Which replica took the latest reading of a service (null for demo history).
alter table service_status add column collected_by text;

-- A service type the administrator disabled is not collected; its status says so.
alter table service_status drop constraint service_status_state_check;
alter table service_status add constraint service_status_state_check
    check (state in ('up', 'unreachable', 'error', 'not-configured', 'disabled'));

-- The administrator's configuration of each service (admin.service-updated events), shared by every replica.
create table service_setting (
    name       text primary key,
    enabled    boolean     not null,
    config     jsonb       not null default '{}',
    updated_by text,
    updated_at timestamptz,
    applied_at timestamptz not null
);
