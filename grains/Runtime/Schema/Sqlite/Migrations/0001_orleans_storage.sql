-- Hub's tables for Orleans' ADO.NET grain storage on an embedded SQLite file. Embedded mode runs one silo
-- with localhost clustering and in-memory reminders, so grain state is all that is stored here.

-- The provider contract: the grain storage provider starts by reading this table.
CREATE TABLE OrleansQuery
(
    QueryKey  TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- Grain state, keyed as in PostgreSQL (see that schema for the meaning of the key columns).
-- last_write_applied is scratch space for WriteToStorageKey: a single upsert statement has to tell the
-- caller whether its conditional update happened, and SQLite's RETURNING only sees the row it wrote.
CREATE TABLE hub_grain_state
(
    service_id         TEXT    NOT NULL,
    state_name         TEXT    NOT NULL,
    grain_key_n0       INTEGER NOT NULL,
    grain_key_n1       INTEGER NOT NULL,
    grain_key_ext      TEXT    NOT NULL DEFAULT '',
    payload            BLOB    NULL,
    version            INTEGER NOT NULL,
    last_write_applied INTEGER NOT NULL DEFAULT 1,
    modified_at        TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (service_id, state_name, grain_key_n0, grain_key_n1, grain_key_ext)
) WITHOUT ROWID;
