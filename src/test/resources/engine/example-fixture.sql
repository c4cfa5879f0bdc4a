-- Small deterministic fixture for sql/example/schema.sql (engine ITs). Ids encode their ancestry so the
-- tests can state exactly which rows must go and which must stay:
--   email id       = domain id * 10 + i, with age i: 1 → 1d, 2 → 2d, 3 → 5d, 4 → 10d, 5 → 45d, 6 → 100d
--                    (each plus 5 hours: no age is within hours of a cutoff of 3, 4, 7 or 30 days)
--   child ids      = email id * 10 + k      (recipients, events: k = 1, 2; others k = 1)
--   grandchild ids = parent id * 10 + k     (webhook_deliveries k = 1; link_clicks k = 1, 2)
-- All emails are inserted by one statement, so they share now(): equal ages tie and order by id.

INSERT INTO organizations (id, name, retention_days) VALUES
    (1, 'Seven', 7),
    (2, 'Thirty', 30),
    (3, 'NoPolicy', NULL),
    (4, 'Zero', 0);

INSERT INTO domains (id, organization_id, name) VALUES
    (10, 1, 'a.seven.test'),
    (11, 1, 'b.seven.test'),
    (20, 2, 'thirty.test'),
    (30, 3, 'nopolicy.test'),
    (40, 4, 'zero.test');

INSERT INTO outgoing_emails (id, domain_id, message_id, from_address, subject, status, created_at)
SELECT d.id * 10 + a.i, d.id, 'm' || (d.id * 10 + a.i), 'x@' || d.name, 'subject', 'sent',
       now() - make_interval(days => a.days, hours => 5)
FROM domains d CROSS JOIN (VALUES (1, 1), (2, 2), (3, 5), (4, 10), (5, 45), (6, 100)) AS a (i, days);

INSERT INTO email_bodies (outgoing_email_id, text_body) SELECT id, 'body ' || id FROM outgoing_emails;

INSERT INTO email_recipients (id, outgoing_email_id, kind, address)
SELECT id * 10 + k, id, 'to', 'r' || k || '@x.test' FROM outgoing_emails, generate_series(1, 2) AS k;

INSERT INTO email_headers (id, outgoing_email_id, name, value) SELECT id * 10 + 1, id, 'X-H', 'v' FROM outgoing_emails;

INSERT INTO email_attachments (id, outgoing_email_id, filename, content_type, size_bytes, storage_key, sha256)
SELECT id * 10 + 1, id, 'f.pdf', 'application/pdf', 10, 'key' || id, 'sha' FROM outgoing_emails;

INSERT INTO email_events (id, outgoing_email_id, event_type, occurred_at)
SELECT id * 10 + k, id, 'sent', created_at FROM outgoing_emails, generate_series(1, 2) AS k;

INSERT INTO webhook_deliveries (id, email_event_id, endpoint_url) SELECT id * 10 + 1, id, 'https://hook.test' FROM email_events;

INSERT INTO email_links (id, outgoing_email_id, position, url, tracking_token)
SELECT id * 10 + 1, id, 1, 'https://l.test', 'token' || id FROM outgoing_emails;

INSERT INTO link_clicks (id, email_link_id, clicked_at) SELECT id * 10 + k, id, now() FROM email_links, generate_series(1, 2) AS k;

INSERT INTO email_tags (outgoing_email_id, tag) SELECT id, t FROM outgoing_emails, (VALUES ('a'), ('b')) AS v (t);

INSERT INTO email_opens (id, outgoing_email_id, opened_at) SELECT id * 10 + 1, id, now() FROM outgoing_emails;

-- Suppressions outlive their emails (ON DELETE SET NULL): one per email with i in (1, 4, 6), id = email id,
-- plus two that never had a source email.
INSERT INTO suppressions (id, organization_id, address, reason, source_email_id)
SELECT e.id, d.organization_id, 's' || e.id || '@x.test', 'hard_bounce', e.id
FROM outgoing_emails e JOIN domains d ON d.id = e.domain_id WHERE e.id % 10 IN (1, 4, 6);
INSERT INTO suppressions (id, organization_id, address, reason, source_email_id) VALUES
    (9001, 3, 'manual@x.test', 'manual', NULL),
    (9002, 1, 'manual@x.test', 'manual', NULL);
