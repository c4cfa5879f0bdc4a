package dev.retentioncleanup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** TableRef, ColumnRef, Edge and TenantHop parsing with PostgreSQL identifier rules. */
class NamesTest {
    @Test
    void unqualifiedTableFollowsSearchPathAndFoldsToLowerCase() {
        assertThat(TableRef.parse("Outgoing_Emails")).isEqualTo(new TableRef(null, "outgoing_emails"));
    }

    @Test
    void quotedPartsKeepCaseAndMayHoldDots() {
        assertThat(TableRef.parse("support.\"TicketNotes\"")).isEqualTo(new TableRef("support", "TicketNotes"));
        assertThat(TableRef.parse("\"My.Schema\".\"a\"\"b\"")).isEqualTo(new TableRef("My.Schema", "a\"b"));
        assertThat(TableRef.parse(" support . tickets ")).isEqualTo(new TableRef("support", "tickets"));
    }

    @Test
    void displayQuotesOnlyWhatNeedsItAndParsesBack() {
        TableRef ref = new TableRef("support", "TicketNotes");
        assertThat(ref.display()).isEqualTo("support.\"TicketNotes\"");
        assertThat(TableRef.parse(ref.display())).isEqualTo(ref);
        assertThat(new TableRef(null, "a\"b.c").display()).isEqualTo("\"a\"\"b.c\"");
        assertThat(new TableRef(null, "outgoing_emails").display()).isEqualTo("outgoing_emails");
    }

    @Test
    void rejectsMalformedTableNames() {
        assertThatThrownBy(() -> TableRef.parse("a.b.c"))
                .hasMessage("'a.b.c' is not 'table' or 'schema.table' (quote mixed case: support.\"TicketNotes\"): "
                        + "it has 3 dotted parts");
        assertThatThrownBy(() -> TableRef.parse("support.\"Ticket"))
                .hasMessageEndingWith(": unterminated quote at position 9");
        assertThatThrownBy(() -> TableRef.parse("support."))
                .hasMessageEndingWith(": a name is missing at the end");
        assertThatThrownBy(() -> TableRef.parse("1abc"))
                .hasMessageEndingWith(": unexpected '1' at position 1");
        assertThatThrownBy(() -> TableRef.parse("\"\""))
                .hasMessageEndingWith(": empty quoted name at position 1");
    }

    @Test
    void rejectsNamesPostgresWouldTruncate() {
        String name = "a".repeat(64);
        assertThatThrownBy(() -> TableRef.parse(name))
                .hasMessageEndingWith(": '" + name + "' is longer than 63 bytes and PostgreSQL would truncate it");
        assertThat(TableRef.parse("a".repeat(63)).table()).hasSize(63);
    }

    @Test
    void searchPathTablesMayMatchQualifiedOnes() {
        TableRef bare = TableRef.parse("organizations");
        assertThat(bare.mayBeSameAs(TableRef.parse("public.organizations"))).isTrue();
        assertThat(TableRef.parse("a.organizations").mayBeSameAs(TableRef.parse("b.organizations"))).isFalse();
        assertThat(bare.mayBeSameAs(TableRef.parse("\"Organizations\""))).isFalse();
    }

    @Test
    void columnRefTakesTheLastPartAsColumn() {
        assertThat(ColumnRef.parse("email_opens.outgoing_email_id"))
                .isEqualTo(new ColumnRef(new TableRef(null, "email_opens"), "outgoing_email_id"));
        assertThat(ColumnRef.parse("support.tickets.id"))
                .isEqualTo(new ColumnRef(new TableRef("support", "tickets"), "id"));
        assertThat(ColumnRef.parse("support.\"TicketNotes\".\"TicketId\"").display())
                .isEqualTo("support.\"TicketNotes\".\"TicketId\"");
        assertThatThrownBy(() -> ColumnRef.parse("id"))
                .hasMessage("'id' is not 'table.column' or 'schema.table.column': it has 1 dotted part");
    }

    @Test
    void parsesEdges() {
        assertThat(Edge.parse("email_opens.outgoing_email_id -> outgoing_emails.id")).isEqualTo(new Edge(
                new ColumnRef(new TableRef(null, "email_opens"), "outgoing_email_id"),
                new ColumnRef(new TableRef(null, "outgoing_emails"), "id")));
        // An arrow inside quotes is part of a name.
        assertThat(Edge.parse("\"a->b\".x->c.y").child().table().table()).isEqualTo("a->b");
    }

    @Test
    void rejectsMalformedEdges() {
        assertThatThrownBy(() -> Edge.parse("email_opens.outgoing_email_id outgoing_emails.id"))
                .hasMessage("'email_opens.outgoing_email_id outgoing_emails.id' is not "
                        + "'child_table.column -> parent_table.column'");
        assertThatThrownBy(() -> Edge.parse("a.b -> c.d -> e.f"))
                .hasMessage("'a.b -> c.d -> e.f' is not 'child_table.column -> parent_table.column'");
        assertThatThrownBy(() -> Edge.parse("a.b -> c"))
                .hasMessage("'a.b -> c' is not 'child_table.column -> parent_table.column': "
                        + "'c' is not 'table.column' or 'schema.table.column': it has 1 dotted part");
    }

    @Test
    void parsesTenantHops() {
        assertThat(TenantHop.parse("domain_id -> domains.id"))
                .isEqualTo(new TenantHop("domain_id", new ColumnRef(new TableRef(null, "domains"), "id")));
        assertThat(TenantHop.parse("\"OrgId\"->crm.\"Orgs\".\"Id\"").display()).isEqualTo("\"OrgId\" -> crm.\"Orgs\".\"Id\"");
    }

    @Test
    void rejectsMalformedTenantHops() {
        assertThatThrownBy(() -> TenantHop.parse("organization_id -> "))
                .hasMessage("'organization_id -> ' is not 'column -> table.column'");
        assertThatThrownBy(() -> TenantHop.parse("x.domain_id -> domains.id"))
                .hasMessage("'x.domain_id -> domains.id' is not 'column -> table.column': "
                        + "expected one name, found 2 dotted parts");
    }
}
