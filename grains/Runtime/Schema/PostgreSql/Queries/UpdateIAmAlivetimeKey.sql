-- A silo's heartbeat. It does not change the table version: liveness is not membership.
UPDATE hub_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
