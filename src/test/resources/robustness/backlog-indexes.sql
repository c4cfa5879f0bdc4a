-- Run after backlog_seed(n): the indexes the tool's batches need (check would flag their absence).
CREATE INDEX events_tenant_created_id_idx ON events (tenant_id, created_at, id);
CREATE INDEX events_created_id_idx ON events (created_at, id);
CREATE INDEX notes_event_id_idx ON notes (event_id);
ANALYZE tenants;
ANALYZE events;
ANALYZE notes;
