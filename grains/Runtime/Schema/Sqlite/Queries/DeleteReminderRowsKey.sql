-- Removes every reminder of a service (used by tests and tooling).
DELETE FROM hub_reminders WHERE service_id = @ServiceId
