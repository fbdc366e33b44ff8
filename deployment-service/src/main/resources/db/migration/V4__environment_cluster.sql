-- The environment's cluster from environment-events (apiServer, context, namespace, credentialsSecret):
-- a live rollout reaches the cluster with the kubeconfig in the Secret named credentialsSecret.
alter table environment_ref add column cluster jsonb not null default '{}';
