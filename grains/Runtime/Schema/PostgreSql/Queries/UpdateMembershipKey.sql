-- Changes a silo's status and suspicions if the table is still at @Version, and bumps that version; the
-- same lock-check-write-bump order as InsertMembershipKey. Answers success.
WITH checked AS (
    SELECT deployment_id
      FROM hub_membership_version
     WHERE deployment_id = @DeploymentId
       AND version = @Version
       FOR UPDATE
), updated AS (
    UPDATE hub_membership m
       SET status = @Status,
           suspect_times = CAST(@SuspectTimes AS text),
           i_am_alive_time = @IAmAliveTime
      FROM checked c
     WHERE m.deployment_id = c.deployment_id
       AND m.address = @Address
       AND m.port = @Port
       AND m.generation = @Generation
 RETURNING m.deployment_id
), bumped AS (
    UPDATE hub_membership_version v
       SET version = v.version + 1,
           changed_at = now()
      FROM updated u
     WHERE v.deployment_id = u.deployment_id
 RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM bumped)
