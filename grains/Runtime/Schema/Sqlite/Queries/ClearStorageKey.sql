-- Clears one grain state: the payload goes, the row and its version stay. Answers the new version, or
-- NULL when the ETag did not match (second statement).
UPDATE hub_grain_state
   SET payload = NULL,
       version = version + 1,
       modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
 WHERE service_id = @ServiceId
   AND state_name = @GrainTypeString
   AND grain_key_n0 = @GrainIdN0
   AND grain_key_n1 = @GrainIdN1
   AND grain_key_ext = COALESCE(@GrainIdExtensionString, '')
   AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;

SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
