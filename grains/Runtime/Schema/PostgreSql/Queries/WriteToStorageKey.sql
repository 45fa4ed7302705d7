-- Writes one grain state with optimistic concurrency. @GrainStateVersion is the ETag the grain read:
-- null means "I saw no row", so only an insert may succeed; a number means "I saw this version", so only
-- an update of exactly that version may succeed. Always answers one row: the new version when the write
-- happened, NULL when it did not (the provider then raises InconsistentStateException and nothing is lost
-- silently). Both branches run against one snapshot; a concurrent writer either blocks us on the row lock
-- (and we re-check the version after it commits) or wins the insert (and ours does nothing).
WITH updated AS (
    UPDATE hub_grain_state
       SET payload = @PayloadBinary,
           version = version + 1,
           modified_at = now()
     WHERE service_id = @ServiceId
       AND state_name = @GrainTypeString
       AND grain_key_n0 = @GrainIdN0
       AND grain_key_n1 = @GrainIdN1
       AND grain_key_ext = COALESCE(CAST(@GrainIdExtensionString AS text), '')
       AND version = CAST(@GrainStateVersion AS integer)
 RETURNING version
), inserted AS (
    INSERT INTO hub_grain_state (service_id, state_name, grain_key_n0, grain_key_n1, grain_key_ext, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           COALESCE(CAST(@GrainIdExtensionString AS text), ''), @PayloadBinary, 1
     WHERE CAST(@GrainStateVersion AS integer) IS NULL
        ON CONFLICT DO NOTHING
 RETURNING version
)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted) AS NewGrainStateVersion
