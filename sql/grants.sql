-- A least-privilege role for retention-cleanup, for the example schema (sql/example/schema.sql) and its
-- config (examples/retention.yml). For your own schema, keep the shape and change the table lists:
-- read-only on the policy table and the tables of the tenant path, SELECT and DELETE on each target and every
-- child table it deletes (see the delete order that `retention-cleanup check` prints), UPDATE on the target's
-- key column (SELECT ... FOR UPDATE SKIP LOCKED needs it), pg_monitor for the guards.
-- Children with ON DELETE SET NULL / SET DEFAULT (suppressions here) need nothing: the database updates them
-- as the table owner. Then run `retention-cleanup check` as the login role: it reports any privilege missing.
--
-- Run as the owner of the tables or a superuser. Safe to run again. Plain SQL (no psql meta-commands).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'retention_cleanup') THEN
        CREATE ROLE retention_cleanup NOLOGIN;
    END IF;
END
$$;

-- The job logs in as a member of the group (set its password outside any file you commit):
--   CREATE ROLE retention_cleanup_job LOGIN IN ROLE retention_cleanup;
--   \password retention_cleanup_job

GRANT USAGE ON SCHEMA public TO retention_cleanup;

-- Policy table and tenant path (outgoing_emails.domain_id -> domains.organization_id -> organizations.id).
GRANT SELECT ON organizations, domains TO retention_cleanup;

-- The target and everything deleted with it, leaf-first. email_opens has no FK (an extra_children entry).
GRANT SELECT, DELETE ON
    outgoing_emails,
    email_bodies, email_recipients, email_headers, email_attachments,
    email_events, webhook_deliveries,
    email_links, link_clicks,
    email_tags, email_opens
TO retention_cleanup;

-- Row locks on the target batch (FOR UPDATE SKIP LOCKED): UPDATE on one column is enough; it changes nothing.
GRANT UPDATE (id) ON outgoing_emails TO retention_cleanup;

-- The tenants' cutoffs live in a temporary table of each session: TEMPORARY on the database (which PUBLIC has
-- unless it was revoked).
DO $$
BEGIN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO retention_cleanup', current_database());
END
$$;

-- The guards read pg_ls_waldir(), pg_stat_archiver, pg_replication_slots, pg_stat_replication.
GRANT pg_monitor TO retention_cleanup;

-- The audit table and the archive outbox, when sql/audit.sql and sql/archive.sql created them.
DO $$
BEGIN
    IF to_regclass('retention_audit') IS NOT NULL THEN
        GRANT SELECT, INSERT, UPDATE ON retention_audit TO retention_cleanup;
    END IF;
    IF to_regclass('retention_archive_outbox') IS NOT NULL THEN
        GRANT SELECT, INSERT, DELETE ON retention_archive_outbox TO retention_cleanup;
    END IF;
END
$$;
