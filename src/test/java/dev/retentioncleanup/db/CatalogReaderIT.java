package dev.retentioncleanup.db;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;

import static dev.retentioncleanup.db.OnDelete.CASCADE;
import static dev.retentioncleanup.db.OnDelete.NO_ACTION;
import static dev.retentioncleanup.db.OnDelete.RESTRICT;
import static dev.retentioncleanup.db.OnDelete.SET_DEFAULT;
import static dev.retentioncleanup.db.OnDelete.SET_NULL;
import static dev.retentioncleanup.db.CatalogAssertions.foreignKeysOf;
import static dev.retentioncleanup.db.CatalogAssertions.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The email-service shape of sql/example, in public. */
@ExtendWith(FreshDatabaseExtension.class)
class CatalogReaderIT {
    private static final TableName ORGANIZATIONS = t("organizations");
    private static final TableName DOMAINS = t("domains");
    private static final TableName EMAILS = t("outgoing_emails");
    private static final TableName RECIPIENTS = t("recipients");
    private static final TableName LINKS = t("links");
    private static final TableName CLICKS = t("link_clicks");
    private static final TableName BOUNCES = t("bounces");
    private static final TableName NOTES = t("suppression_notes");
    private static final TableName OPENS = t("email_opens");

    private static Catalog catalog;

    private static TableName t(String name) {
        return new TableName("public", name);
    }

    @BeforeAll
    static void schema(TestDatabase db) throws Exception {
        db.execute("""
                CREATE TABLE organizations (id bigint PRIMARY KEY, name text NOT NULL, retention_days int);
                CREATE TABLE domains (id bigint PRIMARY KEY, organization_id bigint NOT NULL REFERENCES organizations (id),
                                      name text NOT NULL);
                CREATE TABLE outgoing_emails (id bigint PRIMARY KEY,
                                              domain_id bigint NOT NULL REFERENCES domains (id) ON DELETE RESTRICT,
                                              created_at timestamptz NOT NULL DEFAULT now(), subject varchar(200));
                CREATE INDEX outgoing_emails_created_at_id ON outgoing_emails (created_at, id);
                CREATE INDEX outgoing_emails_domain_id ON outgoing_emails (domain_id);
                CREATE INDEX outgoing_emails_created_brin ON outgoing_emails USING brin (created_at);
                CREATE TABLE recipients (id bigint PRIMARY KEY, outgoing_email_id bigint NOT NULL REFERENCES outgoing_emails (id),
                                         address text NOT NULL);
                ALTER TABLE recipients ADD COLUMN junk int;
                ALTER TABLE recipients DROP COLUMN junk;
                ALTER TABLE recipients ADD COLUMN kind text;
                CREATE INDEX recipients_lower_address ON recipients (lower(address), id) INCLUDE (outgoing_email_id);
                CREATE TABLE links (outgoing_email_id bigint NOT NULL REFERENCES outgoing_emails (id) ON DELETE CASCADE,
                                    position int NOT NULL, url text NOT NULL, PRIMARY KEY (outgoing_email_id, position));
                CREATE TABLE link_clicks (id bigserial PRIMARY KEY, outgoing_email_id bigint NOT NULL, link_position int NOT NULL,
                                          clicked_at timestamptz,
                                          FOREIGN KEY (outgoing_email_id, link_position) REFERENCES links (outgoing_email_id, position));
                CREATE INDEX link_clicks_link ON link_clicks (link_position, outgoing_email_id);
                CREATE TABLE suppression_notes (id bigint PRIMARY KEY,
                                                last_email_id bigint REFERENCES outgoing_emails (id) ON DELETE SET NULL);
                CREATE TABLE bounces (id bigint PRIMARY KEY,
                                      outgoing_email_id bigint DEFAULT 0 REFERENCES outgoing_emails (id) ON DELETE SET DEFAULT);
                CREATE INDEX bounces_partial ON bounces (outgoing_email_id) WHERE outgoing_email_id IS NOT NULL;
                CREATE TABLE email_opens (outgoing_email_id bigint, opened_at timestamptz);
                CREATE VIEW recent_emails AS SELECT * FROM outgoing_emails;
                CREATE SEQUENCE unrelated_seq;
                INSERT INTO organizations VALUES (1, 'a', 30), (2, 'b', NULL), (3, 'c', 7);
                INSERT INTO domains VALUES (1, 1, 'a.example');
                INSERT INTO outgoing_emails VALUES (1, 1, now(), 'hi');
                INSERT INTO recipients VALUES (1, 1, 'x@a.example'), (2, 1, 'x@a.example');
                ANALYZE organizations;
                """);
        // A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind, as in production.
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY recipients_address ON recipients (address)"))
                .hasMessageContaining("could not create unique index");
        try (Connection c = db.connect()) {
            catalog = CatalogReader.read(c);
            assertThat(c.getAutoCommit()).as("connection handed back in autocommit").isTrue();
            assertThat(c.isReadOnly()).isFalse();
        }
    }

    @Test
    void lists_ordinary_tables_only() {
        assertThat(catalog.tables()).extracting(TableInfo::name).containsExactly(
                BOUNCES, DOMAINS, OPENS, CLICKS, LINKS, ORGANIZATIONS, EMAILS, RECIPIENTS, NOTES);
        assertThat(catalog.searchPath()).containsExactly("public");
    }

    @Test
    void columns_keep_types_nullability_and_attnum() {
        assertThat(catalog.table(RECIPIENTS).orElseThrow().columns()).containsExactly(
                new ColumnInfo("id", "bigint", false, 1),
                new ColumnInfo("outgoing_email_id", "bigint", false, 2),
                new ColumnInfo("address", "text", false, 3),
                new ColumnInfo("kind", "text", true, 5));
        TableInfo emails = catalog.table(EMAILS).orElseThrow();
        assertThat(emails.column("created_at")).contains(new ColumnInfo("created_at", "timestamp with time zone", false, 3));
        assertThat(emails.column("subject")).contains(new ColumnInfo("subject", "character varying(200)", true, 4));
        assertThat(emails.column("Subject")).isEmpty();
    }

    @Test
    void primary_keys_in_key_order() {
        assertThat(primaryKey(catalog, LINKS)).containsExactly("outgoing_email_id", "position");
        assertThat(primaryKey(catalog, ORGANIZATIONS)).containsExactly("id");
        assertThat(primaryKey(catalog, OPENS)).isEmpty();
    }

    @Test
    void estimates_come_from_the_last_analyze(TestDatabase db) {
        long block = db.queryLong("SELECT current_setting('block_size')::bigint");
        TableInfo orgs = catalog.table(ORGANIZATIONS).orElseThrow();
        assertThat(orgs.estimatedRows()).isEqualTo(3);
        assertThat(orgs.totalBytes()).isEqualTo(3 * block); // heap page + btree meta and leaf pages
        assertThat(catalog.table(OPENS).orElseThrow().estimatedRows()).isEqualTo(-1);
    }

    @Test
    void foreign_keys_referencing_a_parent_with_their_actions() {
        assertThat(catalog.referencing(EMAILS)).containsExactly(
                new ForeignKey("bounces_outgoing_email_id_fkey", BOUNCES, List.of("outgoing_email_id"), EMAILS, List.of("id"), SET_DEFAULT),
                new ForeignKey("links_outgoing_email_id_fkey", LINKS, List.of("outgoing_email_id"), EMAILS, List.of("id"), CASCADE),
                new ForeignKey("recipients_outgoing_email_id_fkey", RECIPIENTS, List.of("outgoing_email_id"), EMAILS, List.of("id"), NO_ACTION),
                new ForeignKey("suppression_notes_last_email_id_fkey", NOTES, List.of("last_email_id"), EMAILS, List.of("id"), SET_NULL));
        assertThat(foreignKeysOf(catalog, EMAILS)).containsExactly(
                new ForeignKey("outgoing_emails_domain_id_fkey", EMAILS, List.of("domain_id"), DOMAINS, List.of("id"), RESTRICT));
        assertThat(catalog.referencing(OPENS)).isEmpty();
        assertThat(foreignKeysOf(catalog, OPENS)).isEmpty();
    }

    @Test
    void composite_foreign_key_pairs_columns_in_order() {
        assertThat(foreignKeysOf(catalog, CLICKS)).containsExactly(new ForeignKey(
                "link_clicks_outgoing_email_id_link_position_fkey", CLICKS, List.of("outgoing_email_id", "link_position"),
                LINKS, List.of("outgoing_email_id", "position"), NO_ACTION));
        assertThat(catalog.referencing(LINKS)).isEqualTo(foreignKeysOf(catalog, CLICKS));
    }

    @Test
    void indexes_with_key_columns_in_order() {
        assertThat(catalog.indexesOn(EMAILS)).containsExactly(
                new IndexInfo("outgoing_emails_created_at_id", EMAILS, List.of("created_at", "id"), false, false, false, true, "btree"),
                new IndexInfo("outgoing_emails_created_brin", EMAILS, List.of("created_at"), false, false, false, true, "brin"),
                new IndexInfo("outgoing_emails_domain_id", EMAILS, List.of("domain_id"), false, false, false, true, "btree"),
                new IndexInfo("outgoing_emails_pkey", EMAILS, List.of("id"), true, true, false, true, "btree"));
        assertThat(catalog.indexesOn(RECIPIENTS)).containsExactly(
                new IndexInfo("recipients_address", RECIPIENTS, List.of("address"), true, false, false, false, "btree"),
                new IndexInfo("recipients_lower_address", RECIPIENTS, Arrays.asList(null, "id"), false, false, false, true, "btree"),
                new IndexInfo("recipients_pkey", RECIPIENTS, List.of("id"), true, true, false, true, "btree"));
        assertThat(catalog.indexesOn(BOUNCES)).contains(
                new IndexInfo("bounces_partial", BOUNCES, List.of("outgoing_email_id"), false, false, true, true, "btree"));
    }

    @Test
    void index_leading_with_columns() {
        assertThat(catalog.hasIndexLeadingWith(EMAILS, List.of("created_at"))).isTrue();
        assertThat(catalog.hasIndexLeadingWith(EMAILS, List.of("id", "created_at"))).isTrue();
        assertThat(catalog.hasIndexLeadingWith(EMAILS, List.of("domain_id"))).isTrue();
        assertThat(catalog.hasIndexLeadingWith(EMAILS, List.of("subject"))).isFalse();
        assertThat(catalog.hasIndexLeadingWith(LINKS, List.of("outgoing_email_id"))).as("leading PK column").isTrue();
        assertThat(catalog.hasIndexLeadingWith(CLICKS, List.of("outgoing_email_id", "link_position"))).as("any order").isTrue();
        assertThat(catalog.hasIndexLeadingWith(CLICKS, List.of("outgoing_email_id"))).as("second key column").isFalse();
        assertThat(catalog.hasIndexLeadingWith(RECIPIENTS, List.of("outgoing_email_id"))).as("INCLUDE column").isFalse();
        assertThat(catalog.hasIndexLeadingWith(RECIPIENTS, List.of("address"))).as("invalid index").isFalse();
        assertThat(catalog.hasIndexLeadingWith(BOUNCES, List.of("outgoing_email_id"))).as("partial index").isFalse();
    }

    @Test
    void resolve_by_schema_or_search_path() {
        assertThat(catalog.resolve(null, "outgoing_emails")).contains(EMAILS);
        assertThat(catalog.resolve("public", "outgoing_emails")).contains(EMAILS);
        assertThat(catalog.resolve(null, "recent_emails")).as("views are not tables").isEmpty();
        assertThat(catalog.resolve("other", "outgoing_emails")).isEmpty();
        assertThat(catalog.resolve(null, "Outgoing_Emails")).as("exact names").isEmpty();
    }
}
