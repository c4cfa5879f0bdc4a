-- Deterministic demo/test data for sql/example/schema.sql.
--
--   psql -v ON_ERROR_STOP=1 -v emails=100000 -f sql/example/seed.sql      (default: 10000 emails)
--
-- Re-running replaces all data (TRUNCATE ... RESTART IDENTITY). Nothing is random: every row is
-- arithmetic on the email id, so tests can compute expectations. Times are relative to now() at seed
-- time (one transaction, so one now()):
--   * email e (1..N) has id e, domain ((e-1) % 25) + 1, and
--     created_at = now() - (N - e + 1) * (120 days / N): email 1 is exactly 120 days old, email N the
--     newest; ids grow with created_at; emails are spread evenly over the last 120 days;
--     status 'bounced' when e%23=0, else 'delivered'.
--   * 10 organizations, 25 domains (odd org ids have 3 domains, even ones 2), so each domain gets N/25
--     emails and each organization 3N/25 or 2N/25.
--   * per email e (about 14 child rows in all):
--       email_bodies        1
--       email_recipients    1 + (e%3<>0) + (e%7=0)               'to' first; address user<e>.<n>@example.net
--       email_headers       3
--       email_attachments   1 when e%4=0
--       email_events        2 + (e%2): queued, delivered|bounced, opened (odd e only)
--       webhook_deliveries  for delivered/bounced events of even e: 1 attempt, 2 when bounced
--       email_links         1 + (e%2)
--       link_clicks         odd e only: (e + position) % 3 clicks per link (0..2)
--       email_tags          1 + (e%3=0)
--       email_opens         odd e only: 1 + (e%4=3)
--       suppressions        hard_bounce for e%23=0 (status 'bounced'), complaint for e%97=0 otherwise;
--                           plus 2 'manual' suppressions per organization with no source email.
\set ON_ERROR_STOP on
\if :{?emails}
\else
\set emails 10000
\endif

SET client_min_messages = warning;
SET synchronous_commit = off;

BEGIN;

TRUNCATE organizations, domains, outgoing_emails, email_bodies, email_recipients, email_headers,
         email_attachments, email_events, webhook_deliveries, email_links, link_clicks, email_tags,
         email_opens, suppressions
  RESTART IDENTITY;

-- Retention mix: 7/14/30/60/90 days, 1 day, 0 (below any min_days floor), 365 (longer than the data:
-- nothing to delete) and NULL (no policy: never deleted unless the config sets default_days).
INSERT INTO organizations (id, name, retention_days, created_at) VALUES
    ( 1, 'Acme Corp',          30, now() - interval '3 years'),
    ( 2, 'Globex',              7, now() - interval '3 years'),
    ( 3, 'Initech',            90, now() - interval '2 years'),
    ( 4, 'Umbrella',         NULL, now() - interval '2 years'),
    ( 5, 'Hooli',               0, now() - interval '2 years'),
    ( 6, 'Stark Industries',   14, now() - interval '1 year'),
    ( 7, 'Wayne Enterprises',  60, now() - interval '1 year'),
    ( 8, 'Wonka Industries',  365, now() - interval '1 year'),
    ( 9, 'Cyberdyne',          30, now() - interval '200 days'),
    (10, 'Soylent',             1, now() - interval '200 days');

INSERT INTO domains (id, organization_id, name, verified_at, created_at)
SELECT row_number() OVER (ORDER BY o.id, j),
       o.id,
       format('mail%s.%s.example', j, lower(regexp_replace(o.name, '\W', '', 'g'))),
       o.created_at + interval '1 day',
       o.created_at
FROM organizations o, generate_series(1, 2 + (o.id % 2)::int) AS j
ORDER BY o.id, j;

SELECT count(*) AS ndomains FROM domains \gset

INSERT INTO outgoing_emails (id, domain_id, message_id, from_address, subject, status, created_at, sent_at)
SELECT e,
       d.id,
       format('<%s.%s@%s>', e, d.id, d.name),
       'notifications@' || d.name,
       (ARRAY['Your receipt', 'Reset your password', 'Welcome aboard', 'Your weekly digest', 'Invoice available'])[1 + (e / 25) % 5]
           || ' #' || e,
       CASE WHEN e % 23 = 0 THEN 'bounced' ELSE 'delivered' END,
       t.created_at,
       t.created_at + interval '2 seconds'
FROM generate_series(1, :emails) AS e
JOIN domains d ON d.id = (e - 1) % :ndomains + 1
CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (:emails - e + 1) * (120 * 86400.0 / :emails))) AS t(created_at)
ORDER BY e;

SELECT setval(pg_get_serial_sequence('outgoing_emails', 'id'), coalesce(max(id), 0) + 1, false) AS next_email_id FROM outgoing_emails \gset

INSERT INTO email_bodies (outgoing_email_id, text_body, html_body)
SELECT e.id,
       format('Hello user%s, this is message %s. Thanks for using our service!', e.id, e.id),
       format('<html><body><p>Hello user%s,</p><p>this is message %s.</p><p>Thanks for using our service!</p></body></html>', e.id, e.id)
FROM outgoing_emails e
ORDER BY e.id;

INSERT INTO email_recipients (outgoing_email_id, kind, address, display_name)
SELECT e.id,
       CASE WHEN r = 1 THEN 'to' WHEN r = 2 AND e.id % 2 = 0 THEN 'cc' WHEN r = 2 THEN 'to' ELSE 'bcc' END,
       format('user%s.%s@example.net', e.id, r),
       format('User %s.%s', e.id, r)
FROM outgoing_emails e, generate_series(1, 1 + (e.id % 3 <> 0)::int + (e.id % 7 = 0)::int) AS r
ORDER BY e.id, r;

INSERT INTO email_headers (outgoing_email_id, name, value)
SELECT e.id, h.name,
       CASE h.n
           WHEN 1 THEN 'retention-demo-mailer/1.0'
           WHEN 2 THEN format('<https://app.example.com/unsubscribe/%s>', e.id)
           ELSE 'campaign-' || (e.id % 50)
       END
FROM outgoing_emails e,
     (VALUES (1, 'X-Mailer'), (2, 'List-Unsubscribe'), (3, 'X-Campaign-Id')) AS h(n, name)
ORDER BY e.id, h.n;

INSERT INTO email_attachments (outgoing_email_id, filename, content_type, size_bytes, storage_key, sha256)
SELECT e.id,
       format('invoice-%s.pdf', e.id),
       'application/pdf',
       10000 + e.id % 50000,
       format('attachments/%s/invoice-%s.pdf', e.domain_id, e.id),
       encode(sha256(convert_to('attachment ' || e.id, 'UTF8')), 'hex')
FROM outgoing_emails e
WHERE e.id % 4 = 0
ORDER BY e.id;

INSERT INTO email_events (outgoing_email_id, event_type, occurred_at, smtp_code, detail)
SELECT e.id,
       CASE n WHEN 1 THEN 'queued' WHEN 2 THEN CASE WHEN e.status = 'bounced' THEN 'bounced' ELSE 'delivered' END ELSE 'opened' END,
       e.created_at + CASE n WHEN 1 THEN interval '0' WHEN 2 THEN interval '3 seconds' ELSE interval '1 hour' END,
       CASE WHEN n = 2 THEN CASE WHEN e.status = 'bounced' THEN 550 ELSE 250 END END,
       CASE WHEN n = 2 AND e.status = 'bounced' THEN '550 5.1.1 user unknown' END
FROM outgoing_emails e, generate_series(1, 2 + (e.id % 2)::int) AS n
ORDER BY e.id, n;

INSERT INTO webhook_deliveries (email_event_id, endpoint_url, attempt, response_status, delivered_at)
SELECT ev.id,
       format('https://hooks.customer%s.example/email-events', ev.outgoing_email_id % 25 + 1),
       a,
       CASE WHEN ev.event_type = 'bounced' AND a = 1 THEN 503 ELSE 200 END,
       ev.occurred_at + a * interval '5 seconds'
FROM email_events ev, generate_series(1, 1 + (ev.event_type = 'bounced')::int) AS a
WHERE ev.event_type IN ('delivered', 'bounced') AND ev.outgoing_email_id % 2 = 0
ORDER BY ev.id, a;

INSERT INTO email_links (outgoing_email_id, position, url, tracking_token)
SELECT e.id, p,
       format('https://app.example.com/orders/%s?ref=email&link=%s', e.id, p),
       format('t%s-%s', e.id, p)
FROM outgoing_emails e, generate_series(1, 1 + (e.id % 2)::int) AS p
ORDER BY e.id, p;

INSERT INTO link_clicks (email_link_id, clicked_at, ip_address, user_agent)
SELECT l.id,
       e.created_at + interval '2 hours' + c * interval '1 minute',
       ('10.' || (l.id % 250) || '.' || (c * 7 % 250) || '.' || (e.id % 250))::inet,
       'Mozilla/5.0 (demo)'
FROM email_links l
JOIN outgoing_emails e ON e.id = l.outgoing_email_id
CROSS JOIN LATERAL generate_series(1, (e.id + l.position) % 3) AS c
WHERE e.id % 2 = 1
ORDER BY l.id, c;

INSERT INTO email_tags (outgoing_email_id, tag)
SELECT e.id, t.tag
FROM outgoing_emails e
CROSS JOIN LATERAL (
    SELECT (ARRAY['transactional', 'receipt', 'auth', 'digest', 'billing'])[1 + (e.id / 25) % 5]
    UNION ALL
    SELECT 'campaign-' || (e.id % 7) WHERE e.id % 3 = 0
) AS t(tag)
ORDER BY e.id, t.tag;

-- No FK declared on email_opens.outgoing_email_id, but the data is consistent (no orphans).
INSERT INTO email_opens (outgoing_email_id, opened_at, ip_address, user_agent)
SELECT e.id,
       e.created_at + interval '1 hour' + (o - 1) * interval '1 day',
       ('192.168.' || (e.id % 250) || '.' || o)::inet,
       'Mozilla/5.0 (demo)'
FROM outgoing_emails e, generate_series(1, 1 + (e.id % 4 = 3)::int) AS o
WHERE e.id % 2 = 1
ORDER BY e.id, o;

INSERT INTO suppressions (organization_id, address, reason, source_email_id, created_at)
SELECT d.organization_id,
       format('user%s.1@example.net', e.id),
       CASE WHEN e.status = 'bounced' THEN 'hard_bounce' ELSE 'complaint' END,
       e.id,
       e.created_at + interval '1 minute'
FROM outgoing_emails e
JOIN domains d ON d.id = e.domain_id
WHERE e.status = 'bounced' OR e.id % 97 = 0
ORDER BY e.id;

INSERT INTO suppressions (organization_id, address, reason, source_email_id, created_at)
SELECT o.id, format('blocked%s@org%s.example.org', k, o.id), 'manual', NULL, o.created_at + k * interval '1 day'
FROM organizations o, generate_series(1, 2) AS k
ORDER BY o.id, k;

COMMIT;

ANALYZE;
