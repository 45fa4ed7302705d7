-- The admins' directory of partnerships, one row each (docs/decisions/017-admin-operations.md); the same shape as
-- in PostgreSQL (see that migration for why). Times are Unix milliseconds.
CREATE TABLE hub_partnership_directory
(
    id               TEXT    PRIMARY KEY,
    name             TEXT    NOT NULL,
    name_key         TEXT    NOT NULL,
    municipality     TEXT    NOT NULL,
    municipality_key TEXT    NOT NULL,
    area             INTEGER NOT NULL,
    status           INTEGER NOT NULL,
    members          INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    last_activity    INTEGER NULL
);

CREATE INDEX hub_partnership_directory_name ON hub_partnership_directory (name_key, id);
CREATE INDEX hub_partnership_directory_municipality ON hub_partnership_directory (municipality_key, name_key, id);
CREATE INDEX hub_partnership_directory_activity ON hub_partnership_directory (COALESCE(last_activity, created_at), id);
