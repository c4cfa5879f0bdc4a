package dev.retentioncleanup.db;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;

import static dev.retentioncleanup.db.CatalogAssertions.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;

/** Partitioned tables appear once, as their root, with their foreign keys and indexes. */
@ExtendWith(FreshDatabaseExtension.class)
class CatalogReaderPartitionsIT {
    private static final TableName EMAILS = new TableName("public", "outgoing_emails");
    private static final TableName EVENTS = new TableName("parts", "events");
    private static final TableName EVENT_NOTES = new TableName("parts", "event_notes");
    private static Catalog catalog;

    @BeforeAll
    static void schema(TestDatabase db) throws Exception {
        db.execute("""
                CREATE TABLE outgoing_emails (id bigint PRIMARY KEY);
                CREATE SCHEMA parts;
                CREATE TABLE parts.events (id bigint, created_at timestamptz NOT NULL,
                                           email_id bigint REFERENCES outgoing_emails (id) ON DELETE CASCADE,
                                           PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
                CREATE TABLE parts.events_2025 PARTITION OF parts.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                CREATE TABLE parts.events_2026 PARTITION OF parts.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')
                    PARTITION BY RANGE (created_at);
                CREATE TABLE parts.events_2026_h1 PARTITION OF parts.events_2026 FOR VALUES FROM ('2026-01-01') TO ('2026-07-01');
                CREATE INDEX events_email_id ON parts.events (email_id);
                CREATE TABLE parts.event_notes (id bigint PRIMARY KEY, event_id bigint, event_created_at timestamptz,
                                                FOREIGN KEY (event_id, event_created_at) REFERENCES parts.events);
                INSERT INTO outgoing_emails VALUES (1);
                INSERT INTO parts.events VALUES (1, '2025-03-01', 1), (2, '2025-04-01', 1), (3, '2026-02-01', 1);
                ANALYZE parts.events;
                """);
        try (Connection c = db.connect()) {
            catalog = CatalogReader.read(c);
        }
    }

    @Test
    void partitions_are_not_listed() {
        assertThat(catalog.tables()).extracting(TableInfo::name).containsExactly(EVENT_NOTES, EVENTS, EMAILS);
    }

    @Test
    void estimates_sum_the_partitions() {
        assertThat(catalog.table(EVENTS).orElseThrow().estimatedRows()).isEqualTo(3);
        assertThat(catalog.table(EVENTS).orElseThrow().totalBytes()).isPositive();
    }

    @Test
    void foreign_keys_of_and_to_a_partitioned_table_appear_once() {
        assertThat(catalog.referencing(EMAILS)).containsExactly(new ForeignKey("events_email_id_fkey", EVENTS,
                List.of("email_id"), EMAILS, List.of("id"), OnDelete.CASCADE));
        assertThat(catalog.referencing(EVENTS)).containsExactly(new ForeignKey("event_notes_event_id_event_created_at_fkey",
                EVENT_NOTES, List.of("event_id", "event_created_at"), EVENTS, List.of("id", "created_at"), OnDelete.NO_ACTION));
    }

    @Test
    void partitioned_indexes_belong_to_the_root() {
        assertThat(catalog.indexesOn(EVENTS)).containsExactly(
                new IndexInfo("events_email_id", EVENTS, List.of("email_id"), false, false, false, true, "btree"),
                new IndexInfo("events_pkey", EVENTS, List.of("id", "created_at"), true, true, false, true, "btree"));
        assertThat(catalog.hasIndexLeadingWith(EVENTS, List.of("email_id"))).isTrue();
        assertThat(primaryKey(catalog, EVENTS)).containsExactly("id", "created_at");
    }
}
