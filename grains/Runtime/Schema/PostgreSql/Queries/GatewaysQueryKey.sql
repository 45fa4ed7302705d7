-- Where clients may connect: the gateways of silos in the given status (Active).
SELECT address    AS Address,
       proxy_port AS ProxyPort,
       generation AS Generation
  FROM hub_membership
 WHERE deployment_id = @DeploymentId
   AND status = @Status
   AND proxy_port > 0
