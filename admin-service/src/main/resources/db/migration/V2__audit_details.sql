-- The details of an audited call (its path parameters and query), part of what the row's hash covers.
alter table audit_log add column details jsonb not null default '{}'::jsonb;
