-- The environments environment-service announces, kept from its events (names are all this service needs).
create table environment_ref (
    name       text primary key,
    enabled    boolean     not null,
    updated_at timestamptz not null
);
