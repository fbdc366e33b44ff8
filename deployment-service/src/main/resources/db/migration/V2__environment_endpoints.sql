-- Where the environment's services answer (besuRpc, besuMetrics, cacti, firefly, ccipRouter,
-- prometheus), from environment-events; health checks reach the chain through besuRpc.
alter table environment_ref add column endpoints jsonb not null default '{}';
