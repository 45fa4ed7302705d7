-- Removes a reminder if it is still at the version the caller read; answers whether it did (1 or 0).
DELETE FROM hub_reminders
 WHERE service_id = @ServiceId
   AND grain_id = @GrainId
   AND reminder_name = @ReminderName
   AND version = @Version;

SELECT changes() > 0;
