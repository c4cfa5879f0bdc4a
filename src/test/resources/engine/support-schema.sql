-- A second schema with other names for the engine ITs (OtherNamesIT): nothing in public, a quoted
-- mixed-case table, a child without primary key, an undeclared FK, a SET NULL child, a grandchild behind
-- a NO ACTION FK, and two targets: tickets (tenant column on the target itself) and chat_sessions (two
-- hops: channel -> account). Ids encode ancestry; ages: ticket/session i = 1 → 1d, 2 → 3d, 3 → 10d,
-- 4 → 100d, each plus 5 hours.
--
--   support.accounts (tenant; keep_days; active)
--     ├─ support.tickets                  target 1, tenant: account_id
--     │    ├─ support."TicketNotes"       quoted mixed case, "TicketId" NO ACTION
--     │    │    └─ support.note_reactions grandchild, NO ACTION
--     │    ├─ support.ticket_audit        no primary key, NO ACTION
--     │    ├─ support."ViewLog"           "TicketRef" with no declared FK -> extra_children
--     │    └─ support.escalations         ON DELETE SET NULL: kept, ticket_id cleared
--     └─ support.channels
--          └─ support.chat_sessions       target 2 (text key), tenant: channel_id -> channels -> account_id
--               └─ support.chat_messages  ON DELETE CASCADE (text key)

DROP SCHEMA IF EXISTS support CASCADE;
CREATE SCHEMA support;

CREATE TABLE support.accounts (
    id        bigint  PRIMARY KEY,
    keep_days integer,
    active    boolean NOT NULL
);

CREATE TABLE support.tickets (
    id         bigint      PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES support.accounts (id),
    opened_at  timestamptz NOT NULL
);
CREATE INDEX tickets_account_opened ON support.tickets (account_id, opened_at, id);

CREATE TABLE support."TicketNotes" (
    "Id"       bigint PRIMARY KEY,
    "TicketId" bigint NOT NULL REFERENCES support.tickets (id),
    "Body"     text
);
CREATE INDEX "TicketNotes_TicketId" ON support."TicketNotes" ("TicketId");

CREATE TABLE support.note_reactions (
    id      bigint PRIMARY KEY,
    note_id bigint NOT NULL REFERENCES support."TicketNotes" ("Id")
);
CREATE INDEX note_reactions_note_id ON support.note_reactions (note_id);

CREATE TABLE support.ticket_audit (
    ticket_id bigint NOT NULL REFERENCES support.tickets (id),
    what      text   NOT NULL
);
CREATE INDEX ticket_audit_ticket_id ON support.ticket_audit (ticket_id);

CREATE TABLE support."ViewLog" (
    id          bigint PRIMARY KEY,
    "TicketRef" bigint NOT NULL
);
CREATE INDEX "ViewLog_TicketRef" ON support."ViewLog" ("TicketRef");

CREATE TABLE support.escalations (
    id        bigint PRIMARY KEY,
    ticket_id bigint REFERENCES support.tickets (id) ON DELETE SET NULL
);
CREATE INDEX escalations_ticket_id ON support.escalations (ticket_id);

CREATE TABLE support.channels (
    id         bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES support.accounts (id)
);
CREATE INDEX channels_account_id ON support.channels (account_id);

CREATE TABLE support.chat_sessions (
    id         text        PRIMARY KEY,
    channel_id bigint      NOT NULL REFERENCES support.channels (id),
    started_at timestamptz NOT NULL
);
CREATE INDEX chat_sessions_channel_started ON support.chat_sessions (channel_id, started_at, id);

CREATE TABLE support.chat_messages (
    id         text PRIMARY KEY,
    session_id text NOT NULL REFERENCES support.chat_sessions (id) ON DELETE CASCADE
);
CREATE INDEX chat_messages_session_id ON support.chat_messages (session_id);

-- 1: 7 days; 2: NULL (no policy); 3: negative (floored by min_days); 4: inactive, 0 days.
INSERT INTO support.accounts (id, keep_days, active) VALUES (1, 7, true), (2, NULL, true), (3, -5, true), (4, 0, false);

INSERT INTO support.tickets (id, account_id, opened_at)
SELECT a.id * 10 + g.i, a.id, now() - make_interval(days => g.days, hours => 5)
FROM support.accounts a CROSS JOIN (VALUES (1, 1), (2, 3), (3, 10), (4, 100)) AS g (i, days);
INSERT INTO support."TicketNotes" ("Id", "TicketId", "Body")
SELECT id * 10 + k, id, 'note' FROM support.tickets, generate_series(1, 2) AS k;
INSERT INTO support.note_reactions (id, note_id) SELECT "Id" * 10 + 1, "Id" FROM support."TicketNotes";
INSERT INTO support.ticket_audit (ticket_id, what) SELECT id, w FROM support.tickets, (VALUES ('opened'), ('closed')) AS v (w);
INSERT INTO support."ViewLog" (id, "TicketRef") SELECT id * 10 + 1, id FROM support.tickets;
INSERT INTO support.escalations (id, ticket_id) SELECT id, id FROM support.tickets;
INSERT INTO support.escalations (id, ticket_id) VALUES (9001, NULL);

INSERT INTO support.channels (id, account_id) SELECT id * 10 + 1, id FROM support.accounts;
INSERT INTO support.chat_sessions (id, channel_id, started_at)
SELECT 'cs-' || c.account_id || '-' || g.i, c.id, now() - make_interval(days => g.days, hours => 5)
FROM support.channels c CROSS JOIN (VALUES (1, 1), (2, 3), (3, 10), (4, 100)) AS g (i, days);
INSERT INTO support.chat_messages (id, session_id) SELECT id || '/m' || k, id FROM support.chat_sessions, generate_series(1, 2) AS k;
