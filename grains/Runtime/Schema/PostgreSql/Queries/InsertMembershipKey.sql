-- Adds a silo if the table is still at the version the caller read (@Version), and bumps that version.
-- The version row is locked first, so of two silos that read the same version only one gets in; the bump
-- happens only when the insert did, so a failed insert leaves the table as it was. Answers success.
WITH checked AS (
    SELECT deployment_id
      FROM hub_membership_version
     WHERE deployment_id = @DeploymentId
       AND version = @Version
       FOR UPDATE
), inserted AS (
    INSERT INTO hub_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           COALESCE(CAST(@ProxyPort AS integer), 0), NULL, @StartTime, @IAmAliveTime
      FROM checked
        ON CONFLICT DO NOTHING
 RETURNING deployment_id
), bumped AS (
    UPDATE hub_membership_version v
       SET version = v.version + 1,
           changed_at = now()
      FROM inserted i
     WHERE v.deployment_id = i.deployment_id
 RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM bumped)
