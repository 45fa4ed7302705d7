-- A live grain rewrites its row with every (group of) operations, so the row is kept cheap to rewrite:
-- fillfactor 70 leaves room on each page for the new row version next to the old one, so the update is a
-- HOT update (no new index entry, less WAL); a payload is stored as it is, without pglz compression (Orleans'
-- binary serialisation hardly compresses, and trying cost CPU on every write), and stays in the row up to
-- about 8 kB instead of being moved to the TOAST table once the row passes 2 kB. docs/performance.md has the
-- measurements.
ALTER TABLE hub_grain_state SET (fillfactor = 70, toast_tuple_target = 8160);
ALTER TABLE hub_grain_state ALTER COLUMN payload SET STORAGE EXTERNAL;
