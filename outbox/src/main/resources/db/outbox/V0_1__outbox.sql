-- Events waiting to be relayed to Kafka; written in the same transaction as the change they describe.
create table outbox_event (
    id           uuid primary key,
    topic        text        not null,
    record_key   text        not null,
    type         text        not null,
    subject      text,
    payload      text        not null,
    created_at   timestamptz not null,
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index outbox_event_pending on outbox_event (created_at, id) where published_at is null;

-- Event ids a consumer has already applied, so a redelivered event changes nothing.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
