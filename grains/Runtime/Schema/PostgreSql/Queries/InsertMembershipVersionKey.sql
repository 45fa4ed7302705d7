-- Creates the cluster's version row once. Answers whether this call created it.
WITH inserted AS (
    INSERT INTO hub_membership_version (deployment_id)
    VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING
 RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted)
