-- Removes one dead silo, but only if its row is exactly as the caller saw it.
DELETE FROM hub_membership
 WHERE deployment_id = @DeploymentId
   AND status = 6
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND i_am_alive_time = @IAmAliveTime
   AND start_time = @StartTime
   AND suspect_times IS NOT DISTINCT FROM CAST(@SuspectTimes AS text)
