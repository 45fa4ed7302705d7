-- Writes one grain state with optimistic concurrency (the contract is described in the PostgreSQL file).
-- One upsert does the work atomically: a new row is inserted only when the grain saw none (or the row is
-- there and the upsert turns into the conditional update); the update applies only when the stored
-- version is the one the grain read, and records in last_write_applied whether it did.
-- The second statement answers NULL when the first wrote nothing at all (the grain expected a row that is
-- not there), so the provider always gets exactly one row and never mistakes a refusal for success.
INSERT INTO hub_grain_state (service_id, state_name, grain_key_n0, grain_key_n1, grain_key_ext, payload, version,
                             last_write_applied)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''), @PayloadBinary, 1, 1
 WHERE @GrainStateVersion IS NULL
    OR EXISTS (SELECT 1
                 FROM hub_grain_state
                WHERE service_id = @ServiceId
                  AND state_name = @GrainTypeString
                  AND grain_key_n0 = @GrainIdN0
                  AND grain_key_n1 = @GrainIdN1
                  AND grain_key_ext = COALESCE(@GrainIdExtensionString, ''))
    ON CONFLICT (service_id, state_name, grain_key_n0, grain_key_n1, grain_key_ext) DO UPDATE
   SET last_write_applied = COALESCE(hub_grain_state.version = @GrainStateVersion, 0),
       payload = CASE WHEN hub_grain_state.version = @GrainStateVersion THEN excluded.payload
                      ELSE hub_grain_state.payload END,
       version = CASE WHEN hub_grain_state.version = @GrainStateVersion THEN hub_grain_state.version + 1
                      ELSE hub_grain_state.version END,
       modified_at = CASE WHEN hub_grain_state.version = @GrainStateVersion
                          THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE hub_grain_state.modified_at END
RETURNING CASE WHEN last_write_applied = 1 THEN version END AS NewGrainStateVersion;

SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
