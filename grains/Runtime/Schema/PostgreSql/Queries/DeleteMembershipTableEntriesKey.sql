-- Forgets a whole cluster (used by tests and tooling, never by a running silo).
DELETE FROM hub_membership WHERE deployment_id = @DeploymentId;
DELETE FROM hub_membership_version WHERE deployment_id = @DeploymentId
