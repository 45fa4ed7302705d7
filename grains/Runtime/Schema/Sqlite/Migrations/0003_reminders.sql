-- Durable reminders in embedded mode (docs/decisions/019-cohort-evaluation.md): a cohort's follow-up is due months
-- after it was set, so it must outlive a restart of the one process. Same shape as PostgreSQL's hub_reminders;
-- grain_hash holds Orleans' unsigned 32-bit hash as it is (SQLite's INTEGER is 64-bit).
CREATE TABLE hub_reminders
(
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    period        INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX hub_reminders_by_hash ON hub_reminders (service_id, grain_hash);
