-- What a live rollout learnt from the cluster as it went (live colour, images before), so a resumed driver and a
-- rollback act on the same facts; and whether the remaining steps undo the rollout rather than continue it.
alter table deployment add column facts jsonb not null default '{}'::jsonb;
alter table deployment add column reverting boolean not null default false;
