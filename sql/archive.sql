-- The archive outbox: retention-cleanup records each archived file here in the transaction that deletes the file's
-- rows, so a committed batch has its row and a rolled-back one has none; the next run of the same config (or
-- shard) turns a dead run's rows into its manifest and forgets them. A run creates this table itself when it may
-- (CREATE on the schema); otherwise create it once with this script and grant the tool's role access:
--   psql -f sql/archive.sql   (then: GRANT SELECT, INSERT, DELETE ON retention_archive_outbox TO retention_cleanup;)
-- Another name or schema: --archive-outbox (run.archive_outbox), and edit the name below to match.
CREATE TABLE IF NOT EXISTS retention_archive_outbox (
    run_id        text NOT NULL,                   -- the run's id (its directory in the archive)
    path          text NOT NULL,                   -- the file under the run's directory; '' for the run's own row
    batch         bigint NOT NULL,                 -- the transaction's number in the run (0 for the run's row)
    table_name    text,                            -- schema.table of the file's rows
    rows          bigint,
    bytes         bigint,
    sha256        text,
    key_min       text,                            -- the batch's target keys' range
    key_max       text,
    tenants       jsonb,                           -- {"tenant": "cutoff", ...} of the batch
    lock_key      bigint,                          -- run row: the advisory lock key the run held
    database      text,                            -- run row: host:port/dbname
    config_sha256 text,                            -- run row: of the config file
    started_at    timestamptz,                     -- run row
    partitions    jsonb,                           -- partitions dropped whole with the file's rows, for restore
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, path)
);
