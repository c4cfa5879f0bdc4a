package dev.retentioncleanup.db;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static dev.retentioncleanup.db.CatalogAssertions.foreignKeysOf;
import static dev.retentioncleanup.db.CatalogAssertions.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;

/** Mixed-case quoted names in a non-public schema, and resolution through search_path. */
@ExtendWith(FreshDatabaseExtension.class)
class CatalogReaderQuotedNamesIT {
    private static final TableName TICKETS = new TableName("Support", "Tickets");
    private static final TableName NOTES = new TableName("Support", "TicketNotes");

    @BeforeAll
    static void schema(TestDatabase db) {
        db.execute("""
                CREATE SCHEMA "Support";
                CREATE TABLE "Support"."Tickets" ("Id" bigint PRIMARY KEY, "CreatedAt" timestamptz NOT NULL);
                CREATE TABLE "Support"."TicketNotes" ("Id" bigint PRIMARY KEY,
                    "TicketId" bigint NOT NULL REFERENCES "Support"."Tickets" ("Id") ON DELETE CASCADE,
                    "Body ""quoted""\" text);
                CREATE INDEX "TicketNotes_TicketId" ON "Support"."TicketNotes" ("TicketId");
                CREATE TABLE public."TicketNotes" (id int);
                CREATE SCHEMA empty_schema;
                """);
    }

    private static Catalog readWith(TestDatabase db, String searchPath) throws Exception {
        try (Connection c = db.connect()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET search_path = " + searchPath);
                st.execute("CREATE TEMP TABLE scratch (id int)");
            }
            return CatalogReader.read(c);
        }
    }

    @Test
    void names_keep_their_case_and_quotes_double(TestDatabase db) throws Exception {
        Catalog catalog = readWith(db, "public");
        assertThat(catalog.tables()).extracting(TableInfo::name)
                .containsExactly(NOTES, TICKETS, new TableName("public", "TicketNotes"));
        assertThat(catalog.table(NOTES).orElseThrow().columns()).extracting(ColumnInfo::name)
                .containsExactly("Id", "TicketId", "Body \"quoted\"");
        assertThat(foreignKeysOf(catalog, NOTES)).containsExactly(new ForeignKey("TicketNotes_TicketId_fkey", NOTES,
                List.of("TicketId"), TICKETS, List.of("Id"), OnDelete.CASCADE));
        assertThat(primaryKey(catalog, TICKETS)).containsExactly("Id");
        assertThat(catalog.hasIndexLeadingWith(NOTES, List.of("TicketId"))).isTrue();
        assertThat(NOTES.display()).isEqualTo("Support.TicketNotes");
        assertThat(NOTES.sql()).isEqualTo("\"Support\".\"TicketNotes\"");
        assertThat(new TableName("a\"b", "c").sql()).isEqualTo("\"a\"\"b\".\"c\"");
    }

    @Test
    void resolves_qualified_names_and_unqualified_ones_along_search_path(TestDatabase db) throws Exception {
        Catalog supportFirst = readWith(db, "\"Support\", public, no_such_schema");
        assertThat(supportFirst.searchPath()).containsExactly("Support", "public");
        assertThat(supportFirst.resolve("Support", "TicketNotes")).contains(NOTES);
        assertThat(supportFirst.resolve(null, "TicketNotes")).contains(NOTES);
        assertThat(supportFirst.resolve(null, "Tickets")).contains(TICKETS);
        assertThat(supportFirst.resolve("support", "TicketNotes")).as("case matters").isEmpty();

        Catalog publicFirst = readWith(db, "public, \"Support\"");
        assertThat(publicFirst.resolve(null, "TicketNotes")).contains(new TableName("public", "TicketNotes"));
        assertThat(publicFirst.resolve(null, "Tickets")).contains(TICKETS);

        Catalog publicOnly = readWith(db, "empty_schema, public");
        assertThat(publicOnly.searchPath()).containsExactly("empty_schema", "public");
        assertThat(publicOnly.resolve(null, "Tickets")).isEmpty();
    }

    @Test
    void temp_tables_are_not_listed(TestDatabase db) throws Exception {
        assertThat(readWith(db, "public").tables()).extracting(t -> t.name().name()).doesNotContain("scratch");
    }
}
