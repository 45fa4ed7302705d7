-- Reads one grain state. No row: the grain starts from its default state with no ETag.
SELECT payload AS PayloadBinary,
       version AS Version
  FROM hub_grain_state
 WHERE service_id = @ServiceId
   AND state_name = @GrainTypeString
   AND grain_key_n0 = @GrainIdN0
   AND grain_key_n1 = @GrainIdN1
   AND grain_key_ext = COALESCE(@GrainIdExtensionString, '')
