-- All silos of a cluster, each with the table version. The version row always comes back (a cluster with
-- no silos yet answers one row with NULL silo columns).
SELECT v.deployment_id   AS DeploymentId,
       m.address         AS Address,
       m.port            AS Port,
       m.generation      AS Generation,
       m.silo_name       AS SiloName,
       m.host_name       AS HostName,
       m.status          AS Status,
       m.proxy_port      AS ProxyPort,
       m.suspect_times   AS SuspectTimes,
       m.start_time      AS StartTime,
       m.i_am_alive_time AS IAmAliveTime,
       v.version         AS Version
  FROM hub_membership_version v
  LEFT JOIN hub_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId
