create table environment (
    name          text primary key,
    display_name  text,
    description   text,
    provider      text        not null check (provider in ('azure', 'aws', 'gcp', 'ibm', 'oci', 'onprem')),
    type          text        not null check (type in ('cloud', 'hci')),
    enabled       boolean     not null,
    regions       text[]      not null,
    region_policy jsonb       not null,
    components    jsonb       not null,
    cluster       jsonb,
    endpoints     jsonb       not null,
    labels        jsonb       not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    updated_by    text        not null,
    version       bigint      not null default 0
);
create index environment_provider on environment (provider, name);
