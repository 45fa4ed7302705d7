-- Clears one grain state: the payload goes, the row and its version stay (so a stale writer is still
-- caught). Answers the new version, or NULL when the ETag did not match.
WITH cleared AS (
    UPDATE hub_grain_state
       SET payload = NULL,
           version = version + 1,
           modified_at = now()
     WHERE service_id = @ServiceId
       AND state_name = @GrainTypeString
       AND grain_key_n0 = @GrainIdN0
       AND grain_key_n1 = @GrainIdN1
       AND grain_key_ext = COALESCE(CAST(@GrainIdExtensionString AS text), '')
       AND version = CAST(@GrainStateVersion AS integer)
 RETURNING version
)
SELECT (SELECT version FROM cleared) AS NewGrainStateVersion
