-- Removes a reminder if it is still at the version the caller read; answers whether it did.
WITH deleted AS (
    DELETE FROM hub_reminders
     WHERE service_id = @ServiceId
       AND grain_id = @GrainId
       AND reminder_name = @ReminderName
       AND version = @Version
 RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted)
