-- The admins' directory of partnerships, one row each (docs/decisions/017-admin-operations.md). Until now it was
-- one grain's state; that grain moves its lines here on its first activation after this migration.
-- name_key and municipality_key are the lower-cased texts searched and sorted (COLLATE "C": the same byte order
-- as SQLite, so both engines page alike). Times are Unix milliseconds, as in SQLite.
-- A search is a substring match, which no B-tree serves: at 10,000 rows the scan takes a few milliseconds
-- (the decision records the measurement); the indexes serve the sorts and the dormant filter.
CREATE TABLE hub_partnership_directory
(
    id               text    PRIMARY KEY,
    name             text    NOT NULL,
    name_key         text    COLLATE "C" NOT NULL,
    municipality     text    NOT NULL,
    municipality_key text    COLLATE "C" NOT NULL,
    area             integer NOT NULL,
    status           integer NOT NULL,
    members          integer NOT NULL,
    created_at       bigint  NOT NULL,
    last_activity    bigint  NULL
);

CREATE INDEX hub_partnership_directory_name ON hub_partnership_directory (name_key, id);
CREATE INDEX hub_partnership_directory_municipality ON hub_partnership_directory (municipality_key, name_key, id);
CREATE INDEX hub_partnership_directory_activity ON hub_partnership_directory ((COALESCE(last_activity, created_at)), id);
