-- Hub's tables for Orleans' ADO.NET providers on PostgreSQL: cluster membership, grain state, reminders.
-- The providers only ever run the queries in OrleansQuery (files in ../Queries), so the tables are ours to
-- shape: natural primary keys instead of hash columns, timestamptz for every instant, snake_case names.

-- The provider contract: every provider starts by reading this table.
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text        NOT NULL
);

-- One row per cluster: its version is the membership table's ETag, bumped by every insert and update.
CREATE TABLE hub_membership_version
(
    deployment_id varchar(150) PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port and generation identify it).
CREATE TABLE hub_membership
(
    deployment_id   varchar(150) NOT NULL,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer      NOT NULL DEFAULT 0,
    suspect_times   text         NULL,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Grain state. Orleans passes the state name where the column says state_name (it is not the grain class),
-- so every grain class in Hub has its own state name. The key is the grain key: a string key lives in
-- grain_key_ext, a Guid or integer key in grain_key_n0/n1 (plus an optional extension in grain_key_ext).
CREATE TABLE hub_grain_state
(
    service_id    varchar(150) NOT NULL,
    state_name    varchar(512) NOT NULL,
    grain_key_n0  bigint       NOT NULL,
    grain_key_n1  bigint       NOT NULL,
    grain_key_ext text         NOT NULL DEFAULT '',
    payload       bytea        NULL,
    version       integer      NOT NULL,
    modified_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_key_n0, grain_key_n1, grain_key_ext)
);

CREATE TABLE hub_reminders
(
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(512) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period        bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo reads the reminders of its own slice of the hash ring.
CREATE INDEX hub_reminders_by_hash ON hub_reminders (service_id, grain_hash);
