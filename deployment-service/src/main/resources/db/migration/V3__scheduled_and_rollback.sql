-- A deployment can wait for its time (scheduled) or undo an earlier one (rollback).
alter table deployment add column scheduled_for timestamptz;
alter table deployment add column rollback_of uuid references deployment (id);
create index deployment_due on deployment (scheduled_for) where status = 'queued';
