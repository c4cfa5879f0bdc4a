package dev.retentioncleanup.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.retentioncleanup.config.PartitionMode;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.DeleteGraph;
import dev.retentioncleanup.plan.GraphNode;
import dev.retentioncleanup.plan.ParentLink;
import dev.retentioncleanup.plan.Partitioning;
import dev.retentioncleanup.plan.ResolvedHop;
import dev.retentioncleanup.plan.TargetPlan;
import dev.retentioncleanup.plan.TimestampKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementsTest {
    private static final TableName EMAILS = new TableName("public", "outgoing_emails");
    private static final TableName DOMAINS = new TableName("public", "domains");
    private static final TableName ORGS = new TableName("public", "organizations");
    private static final TableName LINKS = new TableName("public", "email_links");
    private static final TableName CLICKS = new TableName("public", "link_clicks");

    /** A descendant in one physical table. */
    private static GraphNode node(TableName table, List<ParentLink> parents) {
        return new GraphNode(table, parents, false);
    }

    /** A plain target: timestamptz age, key unique alone, one physical table, no self-reference, rows one by one. */
    private static TargetPlan plan(TableName table, String key, List<ResolvedHop> tenantPath,
            List<GraphNode> descendants) {
        return new TargetPlan("targets[0]", table, key, "bigint", "created_at", TimestampKind.TIMESTAMPTZ, false, false,
                tenantPath, new DeleteGraph(table, descendants, List.of()),
                new Partitioning(PartitionMode.ROWS, List.of()));
    }

    private final GraphNode links = node(LINKS,
            List.of(new ParentLink(List.of("outgoing_email_id"), EMAILS, List.of("id"), "fk1")));
    private final GraphNode clicks = node(CLICKS,
            List.of(new ParentLink(List.of("link_id"), LINKS, List.of("id"), "fk2")));
    private final TargetPlan target = plan(EMAILS, "id",
            List.of(new ResolvedHop(EMAILS, "domain_id", DOMAINS, "id"),
                    new ResolvedHop(DOMAINS, "organization_id", ORGS, "id")),
            List.of(clicks, links));

    @Test
    void theBatchSelectWalksTheTenantPathAndLocksOnlyTargetRows() {
        Sql sql = new Statements(target).selectBatch(true);

        assertThat(sql.text()).isEqualTo("select \"t\".\"id\", \"t\".\"created_at\", cast(\"h1\".\"organization_id\" as text) as \"tenant\" "
                + "from \"public\".\"outgoing_emails\" as \"t\" "
                + "join \"public\".\"domains\" as \"h1\" on \"h1\".\"id\" = \"t\".\"domain_id\" "
                + "join \"pg_temp\".\"retention_cleanup_cutoffs\" as \"c\" on \"c\".\"tenant\" = cast(\"h1\".\"organization_id\" as text) "
                + "where (\"t\".\"created_at\" < \"c\".\"cutoff\" and \"t\".\"created_at\" < ? "
                + "and (\"t\".\"created_at\", \"t\".\"id\") > (?, ?)) "
                + "order by \"t\".\"created_at\", \"t\".\"id\" fetch next ? rows only for update of \"t\" skip locked");
        assertThat(sql.parameters()).containsExactly(Statements.MAX_CUTOFF,
                Statements.AFTER_TIMESTAMP, Statements.AFTER_KEY, Statements.LIMIT);
    }

    @Test
    void aGrandchildIsFoundThroughItsParentDownToTheBatchKeys() {
        Sql sql = new Statements(target).deleteDescendants(clicks);

        assertThat(sql.text()).isEqualTo("delete from \"public\".\"link_clicks\" as \"d\" where (\"d\".\"ctid\" = "
                + "any(array(select \"x\".\"ctid\" from \"public\".\"link_clicks\" as \"x\" where (\"x\".\"link_id\" = any(array("
                + "select \"p1\".\"id\" from \"public\".\"email_links\" as \"p1\" where (\"p1\".\"outgoing_email_id\" = "
                + "any(?))))) fetch next ? rows only)))");
        assertThat(sql.parameters()).containsExactly(Statements.KEYS, Statements.LIMIT);
    }

    @Test
    void identifiersWithQuotesAndSemicolonsStayIdentifiers() {
        TableName evil = new TableName("pub\"lic", "x\"; DROP TABLE organizations; --");
        TargetPlan hostile = plan(evil, "i\"d", List.of(new ResolvedHop(evil, "org?", ORGS, "id")), List.of());

        Sql sql = new Statements(hostile).deleteTargets();

        assertThat(sql.text()).isEqualTo("delete from \"pub\"\"lic\".\"x\"\"; DROP TABLE organizations; --\" as \"t\" "
                + "where (\"t\".\"i\"\"d\" = any(?))");
        assertThat(sql.parameters()).containsExactly(Statements.KEYS);
        assertThat(new Statements(hostile).selectBatch(false).parameters())
                .containsExactly(Statements.MAX_CUTOFF, Statements.LIMIT);
    }

    @Test
    void aTableLinkedTwiceToTheBatchBindsTheKeysTwice() {
        TableName events = new TableName("public", "email_events");
        TableName webhooks = new TableName("public", "webhook_deliveries");
        GraphNode eventsNode = node(events,
                List.of(new ParentLink(List.of("outgoing_email_id"), EMAILS, List.of("id"), "fk3")));
        GraphNode webhooksNode = node(webhooks, List.of(
                new ParentLink(List.of("event_id"), events, List.of("id"), "fk4"),
                new ParentLink(List.of("outgoing_email_id"), EMAILS, List.of("id"), "fk5")));
        TargetPlan twice = plan(EMAILS, "id", target.tenantPath(), List.of(webhooksNode, eventsNode));

        Sql sql = new Statements(twice).deleteDescendants(webhooksNode);

        assertThat(sql.text()).contains("((\"x\".\"event_id\" = any(array(select \"p1\".\"id\" from \"public\".\"email_events\" as \"p1\" "
                + "where (\"p1\".\"outgoing_email_id\" = any(?))))) or (\"x\".\"outgoing_email_id\" = any(?)))");
        assertThat(sql.parameters()).containsExactly(Statements.KEYS, Statements.KEYS, Statements.LIMIT);
    }

    @Test
    void directChildrenAreCountedInOneStatementAgainstTheEligibleKeysOnce() {
        TableName headers = new TableName("public", "email_headers");
        GraphNode headersNode = node(headers,
                List.of(new ParentLink(List.of("outgoing_email_id"), EMAILS, List.of("id"), "fk6")));
        Statements statements = new Statements(target);

        Sql sql = statements.countEligibleDirectChildren(List.of(links, headersNode));

        assertThat(sql.text()).isEqualTo("select \"u\".\"n\", count(*) from ("
                + "select 0 as \"n\", \"x\".\"outgoing_email_id\" as \"k\" from \"public\".\"email_links\" as \"x\" "
                + "union all "
                + "select 1 as \"n\", \"x\".\"outgoing_email_id\" as \"k\" from \"public\".\"email_headers\" as \"x\") as \"u\" "
                + "where (\"u\".\"k\" in (select \"t\".\"id\" from \"public\".\"outgoing_emails\" as \"t\" "
                + "join \"public\".\"domains\" as \"h1\" on \"h1\".\"id\" = \"t\".\"domain_id\" "
                + "join \"pg_temp\".\"retention_cleanup_cutoffs\" as \"c\" on \"c\".\"tenant\" = cast(\"h1\".\"organization_id\" as text) "
                + "where (\"t\".\"created_at\" < \"c\".\"cutoff\" and \"t\".\"created_at\" < ?))) "
                + "group by \"u\".\"n\"");
        assertThat(sql.parameters()).containsExactly(Statements.MAX_CUTOFF);
    }

    @Test
    void onlyAChildWithOneLinkToTheTargetKeyIsADirectChild() {
        TableName events = new TableName("public", "email_events");
        TableName webhooks = new TableName("public", "webhook_deliveries");
        TableName bounces = new TableName("public", "bounces");
        GraphNode twoLinks = node(webhooks, List.of(
                new ParentLink(List.of("event_id"), events, List.of("id"), "fk4"),
                new ParentLink(List.of("outgoing_email_id"), EMAILS, List.of("id"), "fk5")));
        GraphNode otherColumn = node(bounces,
                List.of(new ParentLink(List.of("message_id"), EMAILS, List.of("message_id"), "fk7")));
        Statements statements = new Statements(target);

        assertThat(statements.isDirectChild(links)).isTrue();
        assertThat(statements.isDirectChild(clicks)).isFalse();
        assertThat(statements.isDirectChild(twoLinks)).isFalse();
        assertThat(statements.isDirectChild(otherColumn)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> statements.countEligibleDirectChildren(List.of(links, clicks)))
                .withMessageContaining("public.link_clicks is not a direct child of public.outgoing_emails");
    }

    @Test
    void aRowSetUnderSeveralTargetsIsCountedOnceOverTheUnion() {
        Statements statements = new Statements(target);

        Sql sql = Statements.countUnion(List.of(statements.eligibleRows(LINKS), statements.eligibleRows(EMAILS)));

        assertThat(sql.text()).startsWith("select count(*) from (select \"s0\".\"tableoid\", \"s0\".\"ctid\" from "
                        + "(with \"doomed\"(\"k\") as (select ")
                .contains(") as \"s0\" union select \"s1\".\"tableoid\", \"s1\".\"ctid\" from (select ")
                .endsWith(") as \"s1\") as \"u\"");
        assertThat(sql.parameters()).containsExactly(Statements.MAX_CUTOFF, Statements.MAX_CUTOFF);
    }
}
