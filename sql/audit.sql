-- The audit table for `retention-cleanup run --audit-table retention_audit` (any name or schema works;
-- the tool checks these columns and types at start and exits 2 if they do not match).
-- One row per run: inserted as 'running' when the run holds its lock, completed when it ends.
-- Dry runs write nothing.
CREATE TABLE IF NOT EXISTS retention_audit (
    run_id       uuid PRIMARY KEY,                 -- the report's run_id and the heartbeat's rid
    status       text NOT NULL,                    -- running | completed | stopped | failed | skipped
    exit_code    integer,                          -- null while running
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    rows_deleted bigint,                           -- all tables together
    batches      bigint,
    wal_bytes    bigint,                           -- WAL written during the run, when it could be read
    tables       jsonb,                            -- {"public.outgoing_emails": 1200, ...}, delete order
    partitions   jsonb,                            -- partitions removed whole (the report's partitions list)
    archive      jsonb,                            -- what was archived (the report's archive object), or null
    stop_reason  text                              -- why it stopped or failed; null when completed
);

CREATE INDEX IF NOT EXISTS retention_audit_started_at ON retention_audit (started_at);

-- A run that was killed (kill -9, node lost) stays 'running'; this finds them:
--   SELECT * FROM retention_audit WHERE status = 'running' AND started_at < now() - interval '1 day';

-- An audit table created before partitions were recorded: add the column (optional; without it the row has no
-- list of partitions, the counts include their rows all the same).
ALTER TABLE retention_audit ADD COLUMN IF NOT EXISTS partitions jsonb;

-- Likewise before archiving was recorded (optional; without it the row does not say where the archive is).
ALTER TABLE retention_audit ADD COLUMN IF NOT EXISTS archive jsonb;
