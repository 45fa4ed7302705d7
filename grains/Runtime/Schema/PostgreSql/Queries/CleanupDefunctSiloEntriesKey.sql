-- Removes silos declared dead (status 6) that have not been heard from since @IAmAliveTime, so the table
-- does not grow with every restart.
DELETE FROM hub_membership
 WHERE deployment_id = @DeploymentId
   AND status = 6
   AND i_am_alive_time < @IAmAliveTime
   AND start_time < @IAmAliveTime
