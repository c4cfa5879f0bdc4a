-- A big backlog: one minimal target with one small child, filled set-based (BacklogIT).
-- Tenant 1 (retention 10 days) owns every row 1..n (all old, all eligible); tenant 2 has no policy and
-- owns 1000 old rows (ids n+1..n+1000) with one child each, which must all stay.

DROP TABLE IF EXISTS notes, events, tenants CASCADE;
DROP FUNCTION IF EXISTS backlog_seed(integer);

CREATE TABLE tenants (
    id             bigint PRIMARY KEY,
    retention_days integer
);
INSERT INTO tenants VALUES (1, 10), (2, NULL);

CREATE TABLE events (
    id         bigint      PRIMARY KEY,
    tenant_id  bigint      NOT NULL REFERENCES tenants (id),
    created_at timestamptz NOT NULL
);

CREATE TABLE notes (
    event_id bigint NOT NULL REFERENCES events (id),
    note     text   NOT NULL
);

CREATE FUNCTION backlog_seed(n integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO events (id, tenant_id, created_at)
    SELECT i, CASE WHEN i > n THEN 2 ELSE 1 END, timestamptz '2020-01-01 00:00:00+00' + i * interval '1 second'
    FROM generate_series(1, n + 1000) AS i;
    INSERT INTO notes (event_id, note) SELECT id, 'n' FROM events;
$$;
-- backlog-indexes.sql runs after the seed: building indexes once is much faster than maintaining them row by row.
