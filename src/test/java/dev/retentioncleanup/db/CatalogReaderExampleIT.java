package dev.retentioncleanup.db;

import static dev.retentioncleanup.db.CatalogAssertions.foreignKeysOf;
import static dev.retentioncleanup.db.CatalogAssertions.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalog reader on the shipped example schema: the relations the engine's graph is built from. */
@ExtendWith(FreshDatabaseExtension.class)
class CatalogReaderExampleIT {
    private static Catalog catalog;

    @BeforeAll
    static void read(TestDatabase db) throws Exception {
        db.runScript(Path.of("sql/example/schema.sql"));
        try (Connection connection = db.connect()) {
            catalog = CatalogReader.read(connection);
        }
    }

    @Test
    void readsEveryExampleTable() {
        assertThat(catalog.tables()).extracting(t -> t.name().display()).containsExactlyInAnyOrder(
                "public.organizations", "public.domains", "public.outgoing_emails", "public.email_bodies",
                "public.email_recipients", "public.email_headers", "public.email_attachments", "public.email_events",
                "public.webhook_deliveries", "public.email_links", "public.link_clicks", "public.email_tags",
                "public.email_opens", "public.suppressions");
    }

    @Test
    void foreignKeysIntoOutgoingEmailsWithTheirActions() {
        assertThat(catalog.referencing(t("outgoing_emails")))
                .extracting(fk -> fk.child().name() + "." + fk.childColumns() + " " + fk.onDelete())
                .containsExactlyInAnyOrder(
                        "email_bodies.[outgoing_email_id] CASCADE",
                        "email_recipients.[outgoing_email_id] CASCADE",
                        "email_headers.[outgoing_email_id] CASCADE",
                        "email_attachments.[outgoing_email_id] NO_ACTION",
                        "email_events.[outgoing_email_id] NO_ACTION",
                        "email_links.[outgoing_email_id] NO_ACTION",
                        "email_tags.[outgoing_email_id] CASCADE",
                        "suppressions.[source_email_id] SET_NULL");
    }

    @Test
    void grandchildrenAndTheUndeclaredRelation() {
        assertThat(catalog.referencing(t("email_links"))).singleElement()
                .satisfies(fk -> {
                    assertThat(fk.child()).isEqualTo(t("link_clicks"));
                    assertThat(fk.childColumns()).isEqualTo(List.of("email_link_id"));
                    assertThat(fk.onDelete()).isEqualTo(OnDelete.CASCADE);
                });
        assertThat(catalog.referencing(t("email_events"))).singleElement()
                .satisfies(fk -> assertThat(fk.onDelete()).isEqualTo(OnDelete.RESTRICT));
        assertThat(foreignKeysOf(catalog, t("email_opens"))).isEmpty();
    }

    @Test
    void indexesKeepTheirColumnOrder() {
        assertThat(catalog.indexesOn(t("outgoing_emails")))
                .extracting(IndexInfo::columns)
                .contains(List.of("domain_id", "created_at", "id"), List.of("created_at", "id"), List.of("id"));
        assertThat(catalog.hasIndexLeadingWith(t("email_tags"), List.of("outgoing_email_id"))).isTrue();
        assertThat(catalog.hasIndexLeadingWith(t("email_opens"), List.of("outgoing_email_id"))).isTrue();
        assertThat(catalog.hasIndexLeadingWith(t("suppressions"), List.of("address"))).isFalse();
        assertThat(primaryKey(catalog, t("email_tags"))).containsExactly("outgoing_email_id", "tag");
    }

    private static TableName t(String name) {
        return new TableName("public", name);
    }
}
