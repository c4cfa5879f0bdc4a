package dev.retentioncleanup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    /** The full example of the configuration file, every section and option. */
    static final String DESIGN_EXAMPLE = """
            policy:                       # where each tenant's retention comes from
              table: organizations        # one row per tenant
              key: id
              retention_days: retention_days   # integer column; NULL → default_days
              default_days: 30            # omit: tenants with NULL retention are skipped (never deleted)
              min_days: 1                 # floor: nothing younger than this is ever deleted, whatever the policy says
              # query: "SELECT id AS tenant, retention_days FROM organizations WHERE active"   (instead of table/key/retention_days)
            targets:                      # the tables whose old rows go, each with everything that hangs off them
              - table: outgoing_emails
                key: id                   # single-column key
                timestamp: created_at     # age is measured on this column
                tenant: [domain_id -> domains.id, organization_id -> organizations.id]   # hops from target to policy table
                children: auto            # follow FKs that reference this table, recursively; deleted leaf-first
                extra_children:           # relations the database does not declare (Rails apps often have none)
                  - email_opens.outgoing_email_id -> outgoing_emails.id
                skip_children: []         # never delete from these explicitly
            run:                          # any run flag may also live here (flags override env override file)
              batch_size: auto
              max_runtime: 30m
            """;

    /** Policy and target header shared by the error cases; target keys go below it, indented by four. */
    static final String MINIMAL = """
            policy:
              table: organizations
              key: id
              retention_days: retention_days
            targets:
              - table: outgoing_emails
                key: id
                timestamp: created_at
                tenant: [organization_id -> organizations.id]
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("retention.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private void assertFails(String yaml, String messageAfterFileName) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + messageAfterFileName);
    }

    private static TableRef table(String name) {
        return new TableRef(null, name);
    }

    private static ColumnRef column(String table, String column) {
        return new ColumnRef(table(table), column);
    }

    @Test
    void designExampleParsesToExactRecords() throws IOException {
        Path file = write(DESIGN_EXAMPLE);

        RetentionConfig config = ConfigLoader.load(file);

        assertThat(config.source()).isEqualTo(file);
        assertThat(config.policy()).isEqualTo(
                new PolicyConfig(table("organizations"), "id", "retention_days", null, 30, 1));
        assertThat(config.targets()).containsExactly(new TargetConfig(
                table("outgoing_emails"), "id", "created_at",
                List.of(new TenantHop("domain_id", column("domains", "id")),
                        new TenantHop("organization_id", column("organizations", "id"))),
                true,
                List.of(new Edge(column("email_opens", "outgoing_email_id"), column("outgoing_emails", "id"))),
                List.of(), PartitionMode.ROWS));
        assertThat(config.run()).isEqualTo(Map.of(
                "batch_size", new FileValue("auto", 18),
                "max_runtime", new FileValue("30m", 19)));
    }

    @Test
    void keysMayComeInAnyOrderAndDefaultsApply() throws IOException {
        RetentionConfig config = ConfigLoader.load(write("""
                targets:
                  - tenant: organization_id -> organizations.id
                    timestamp: created_at
                    children: none
                    key: id
                    table: outgoing_emails
                policy:
                  retention_days: retention_days
                  key: id
                  table: organizations
                """));

        assertThat(config.policy()).isEqualTo(
                new PolicyConfig(table("organizations"), "id", "retention_days", null, null, 1));
        TargetConfig target = config.targets().get(0);
        assertThat(target.autoChildren()).isFalse();
        assertThat(target.tenant()).containsExactly(new TenantHop("organization_id", column("organizations", "id")));
        assertThat(config.run()).isEmpty();
    }

    @Test
    void quotedMixedCaseSchemaQualifiedNames() throws IOException {
        RetentionConfig config = ConfigLoader.load(write("""
                policy:
                  table: crm."Accounts"
                  key: '"AccountId"'
                  retention_days: '"RetentionDays"'
                targets:
                  - table: support."TicketNotes"
                    key: '"NoteId"'
                    timestamp: '"CreatedAt"'
                    tenant:
                      - '"TicketId" -> support.tickets.id'
                      - account_id -> crm."Accounts"."AccountId"
                    skip_children: [support."NoteLikes", Audit_Log]
                    extra_children:
                      - 'support."NoteFiles"."NoteId" -> support."TicketNotes"."NoteId"'
                """));

        assertThat(config.policy()).isEqualTo(
                new PolicyConfig(new TableRef("crm", "Accounts"), "AccountId", "RetentionDays", null, null, 1));
        TargetConfig target = config.targets().get(0);
        assertThat(target.table()).isEqualTo(new TableRef("support", "TicketNotes"));
        assertThat(target.key()).isEqualTo("NoteId");
        assertThat(target.timestamp()).isEqualTo("CreatedAt");
        assertThat(target.tenant()).containsExactly(
                new TenantHop("TicketId", new ColumnRef(new TableRef("support", "tickets"), "id")),
                new TenantHop("account_id", new ColumnRef(new TableRef("crm", "Accounts"), "AccountId")));
        assertThat(target.skipChildren()).containsExactly(new TableRef("support", "NoteLikes"), table("audit_log"));
        assertThat(target.extraChildren()).containsExactly(new Edge(
                new ColumnRef(new TableRef("support", "NoteFiles"), "NoteId"),
                new ColumnRef(new TableRef("support", "TicketNotes"), "NoteId")));
    }

    @Test
    void withAPolicyQueryTheTenantPathMayEndAtAnyTable() throws IOException {
        RetentionConfig config = ConfigLoader.load(write("""
                policy:
                  query: SELECT id AS tenant, retention_days FROM organizations WHERE active
                  default_days: 0
                  min_days: 7
                targets:
                  - table: outgoing_emails
                    key: id
                    timestamp: created_at
                    tenant: [domain_id -> domains.organization_id]
                """));

        assertThat(config.policy()).isEqualTo(new PolicyConfig(null, null, null,
                "SELECT id AS tenant, retention_days FROM organizations WHERE active", 0, 7));
        assertThat(config.policy().usesQuery()).isTrue();
        assertThat(config.targets().get(0).tenant().get(0).references()).isEqualTo(column("domains", "organization_id"));
    }

    @Test
    void runValuesKeepTheirTextAndLine() throws IOException {
        RetentionConfig config = ConfigLoader.load(write(MINIMAL + """
                run:
                  batch_size: 500
                  min_batch_size: "50"
                  tenant: [42, acme]
                """));

        assertThat(config.run()).isEqualTo(Map.of(
                "batch_size", new FileValue("500", 11),
                "min_batch_size", new FileValue("50", 12),
                "tenant", new FileValue(List.of("42", "acme"), 13)));
    }

    @Test
    void runValuesAreTheTextAsWrittenParsedLaterLikeAFlag() throws IOException {
        // YAML 1.1 would read 0500 as octal 320 and yes as true; a flag or variable would not.
        RetentionConfig config = ConfigLoader.load(write(MINIMAL + """
                run:
                  batch_size: 0500
                  max_rows: 1_000
                  tenant: [007, yes, 1.50]
                """));

        assertThat(config.run()).isEqualTo(Map.of(
                "batch_size", new FileValue("0500", 11),
                "max_rows", new FileValue("1_000", 12),
                "tenant", new FileValue(List.of("007", "yes", "1.50"), 13)));
    }

    @Test
    void everyNodeHasItsLineForLaterChecks() throws IOException {
        Path file = write(MINIMAL.replace("    tenant: [organization_id -> organizations.id]\n", """
                    tenant:
                      - domain_id -> domains.id
                      - organization_id -> organizations.id
                """));
        RetentionConfig config = ConfigLoader.load(file);

        ConfigPath tenant = ConfigPath.of("targets").index(0).key("tenant");
        assertThat(config.locate(tenant.index(1))).isEqualTo(file + ":11: targets[0].tenant[1]");
        assertThat(config.locate(tenant)).isEqualTo(file + ":9: targets[0].tenant");
        assertThat(config.locate(ConfigPath.of("policy", "retention_days"))).isEqualTo(file + ":4: policy.retention_days");
        assertThat(config.locate(ConfigPath.ROOT)).isEqualTo(file + ":1");
        // A path the file does not have takes the line of its nearest ancestor that it has.
        assertThat(config.locate(ConfigPath.of("targets").index(0).key("extra_children").index(2)))
                .isEqualTo(file + ":6: targets[0].extra_children[2]");
    }

    @Test
    void theResultIsImmutable() throws IOException {
        RetentionConfig config = ConfigLoader.load(write(DESIGN_EXAMPLE));

        assertThatThrownBy(() -> config.targets().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.targets().get(0).tenant().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.run().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    // --- the file itself ---

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.yml");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": cannot read config file: no such file");
    }

    @Test
    void directoryInsteadOfFile() {
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": cannot read config file: it is a directory");
    }

    @Test
    void fileWithoutReadPermission() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files regardless of permissions");
        Path file = write(MINIMAL);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": cannot read config file: permission denied");
    }

    @Test
    void emptyFile() throws IOException {
        assertFails("", ": config file is empty; expected policy: and targets:");
        assertFails("# only a comment\n", ": config file is empty; expected policy: and targets:");
        assertFails("---\n", ": config file is empty; expected policy: and targets:");
        assertFails("~\n", ": config file is empty; expected policy: and targets:");
    }

    @Test
    void yamlSyntaxErrorIsOneLineWithTheLine() throws IOException {
        assertFails("""
                policy:
                  table: organizations
                targets: [a, b
                run:
                  batch_size: 5
                """, ":4: YAML syntax error: expected ',' or ']', but got :"
                + " (while parsing a flow sequence started on line 3)");
        assertFails("policy:\n  table: 'organizations\n",
                ":3: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar started on line 2)");
    }

    @Test
    void duplicateKeys() throws IOException {
        assertFails(MINIMAL + "    key: uuid\n", ":10: duplicate key 'key'");
        assertFails(MINIMAL + "run:\n  batch_size: 1\n  batch_size: 2\n", ":12: duplicate key 'batch_size'");
        assertFails(MINIMAL + "policy: {}\n", ":10: duplicate key 'policy'");
        assertFails(MINIMAL.replace("[organization_id -> organizations.id]", "{a: 1, a: 2}"), ":9: duplicate key 'a'");
    }

    @Test
    void aKeyMustBeASingleValue() throws IOException {
        assertFails(MINIMAL + "? [a, b]\n: c\n", ":10: YAML syntax error: a key must be a single value, not a list");
    }

    @Test
    void notUtf8IsRefusedAtTheLineOfTheFirstBadByte() throws IOException {
        byte[] yaml = (MINIMAL + "run:\n  report: x\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        yaml[yaml.length - 2] = (byte) 0xff;
        Path file = dir.resolve("retention.yml");
        Files.write(file, yaml);
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class).hasMessage(file
                + ":11: YAML syntax error: invalid UTF-8 byte 0xff: check the file's encoding, it does not look like UTF-8");
        Files.writeString(file, "\uFEFF" + MINIMAL); // a byte order mark is fine
        assertThat(ConfigLoader.load(file).targets()).hasSize(1);
    }

    @Test
    void aControlCharacterIsRefusedAtItsLine() throws IOException {
        assertFails(MINIMAL.replace("key: id", "key: i\u0001d"), ":3: YAML syntax error: special characters are not"
                + " allowed");
    }

    @Test
    void tagsConstructNothingAndJavaTypesAreRefused() throws IOException {
        assertFails(MINIMAL.replace("table: organizations", "table: !!java.io.File organizations"),
                ":2: YAML syntax error: Global tag is not allowed: tag:yaml.org,2002:java.io.File");
        // A local tag changes nothing: the value is read as the text it is.
        Path file = write(MINIMAL.replace("table: organizations", "table: !mine organizations"));
        assertThat(ConfigLoader.load(file).policy().table()).isEqualTo(table("organizations"));
    }

    @Test
    void aliasesAndAnchorsAreRefusedAtTheirLine() throws IOException {
        // Jackson's tree would read the alias as the string "org": a table named org, or a wrong relation.
        assertFails(MINIMAL.replace("table: organizations", "table: &org organizations"),
                ":2: YAML anchor &org is not supported; write each value out in full");
        assertFails(MINIMAL + "    extra_children: *kids\n", ":10: YAML alias *kids is not supported; write the value"
                + " out in full");
        assertFails(MINIMAL + "run: &run {batch_size: 5}\n", ":10: YAML anchor &run is not supported; write each value"
                + " out in full");
        assertFails(MINIMAL + "run:\n  <<: *defaults\n", ":11: YAML alias *defaults is not supported; write the"
                + " value out in full");
    }

    @Test
    void aSecondDocumentIsRefusedAtItsLine() throws IOException {
        String refused = ": a second YAML document is not supported; keep the whole config in one document"
                + " (no '---' after the first)";
        assertFails(MINIMAL + "---\nrun:\n  batch_size: 5\n", ":10" + refused);
        assertFails("---\n" + MINIMAL + "---\n", ":11" + refused);
        assertFails(MINIMAL + "...\n---\n", ":11" + refused);
    }

    @Test
    void oneDocumentMayStartWithItsMarkerAndEndWithItsEnd() throws IOException {
        Path file = write("---\n" + MINIMAL + "...\n");
        assertThat(ConfigLoader.load(file).targets()).hasSize(1);
    }

    @Test
    void topLevelMustBeAMapping() throws IOException {
        assertFails("- policy\n", ":1: expected a mapping with policy, targets and run, got a list");
    }

    // --- keys ---

    @Test
    void unknownTopLevelKey() throws IOException {
        assertFails(MINIMAL + "polcy: {}\n",
                ":10: polcy: unknown key (expected one of: policy, run, targets)");
    }

    @Test
    void unknownPolicyKey() throws IOException {
        assertFails(MINIMAL.replace("  key: id\n  retention", "  key: id\n  retention_column: x\n  retention"),
                ":4: policy.retention_column: unknown key (expected one of: default_days, key, min_days, query, "
                        + "retention_days, table)");
    }

    @Test
    void unknownTargetKey() throws IOException {
        assertFails(MINIMAL + "    child: auto\n",
                ":10: targets[0].child: unknown key (expected one of: children, extra_children, key, partitions, "
                        + "skip_children, table, tenant, timestamp)");
    }

    @Test
    void runKeysAreCheckedWhenTheSettingsResolveAgainstEverySettingOfTheCommand() throws IOException {
        // The guards declare their settings outside this package: RunSettingsTest checks the keys.
        RetentionConfig config = ConfigLoader.load(write(MINIMAL + "run:\n  batchsize: 5\n  max_wal_size: 1GB\n"));
        assertThat(config.run()).containsOnlyKeys("batchsize", "max_wal_size");
    }

    @Test
    void passwordInRunSection() throws IOException {
        assertFails(MINIMAL + "run:\n  db_password: hunter2\n",
                ":11: run.db_password: a password does not belong in the config file; use db_password_file "
                        + "(--db-password-file) or the environment (RETENTION_DB_PASSWORD, PGPASSWORD)");
    }

    @Test
    void runValueMustBeAScalarOrList() throws IOException {
        assertFails(MINIMAL + "run:\n  batch_size:\n    value: 5\n", ":11: run.batch_size: expected a value, got a mapping");
        assertFails(MINIMAL + "run:\n  batch_size:\n", ":11: run.batch_size: expected a value, got no value");
        assertFails(MINIMAL + "run:\n  batch_size: ''\n", ":11: run.batch_size: expected a value, got no value");
        assertFails(MINIMAL + "run:\n  tenant: [1, [2]]\n", ":11: run.tenant[1]: expected a value, got a list");
    }

    @Test
    void missingRequiredKeys() throws IOException {
        assertFails("targets: []\n", ":1: missing required key 'policy'");
        assertFails("policy:\n  table: organizations\n  key: id\n  retention_days: d\n",
                ":1: missing required key 'targets'");
        assertFails(MINIMAL.replace("  table: organizations\n", ""),
                ":1: policy: missing required key 'table' (or give 'query' instead of table, key and retention_days)");
        assertFails(MINIMAL.replace("  key: id\n  retention", "  retention"), ":1: policy: missing required key 'key'");
        assertFails(MINIMAL.replace("    key: id\n", ""), ":6: targets[0]: missing required key 'key'");
        assertFails(MINIMAL.replace("    timestamp: created_at\n", ""), ":6: targets[0]: missing required key 'timestamp'");
        assertFails(MINIMAL.replace("    tenant: [organization_id -> organizations.id]\n", ""),
                ":6: targets[0]: missing required key 'tenant'");
        assertFails(MINIMAL.replace("  - table: outgoing_emails\n    key", "  - key"),
                ":6: targets[0]: missing required key 'table'");
    }

    // --- types and values ---

    @Test
    void wrongTypes() throws IOException {
        assertFails(MINIMAL.replace("retention_days\n", "retention_days\n  default_days: \"abc\"\n"),
                ":5: policy.default_days: expected a whole number of days (0 to 365000), got a string ('abc')");
        assertFails(MINIMAL.replace("retention_days\n", "retention_days\n  min_days: 1.5\n"),
                ":5: policy.min_days: expected a whole number of days (0 to 365000), got a number (1.5)");
        assertFails(MINIMAL.substring(0, MINIMAL.indexOf("targets:")) + "targets: 5\n",
                ":5: targets: expected a list of targets, got a number (5)");
        assertFails(MINIMAL.replace("table: outgoing_emails", "table: [outgoing_emails]"),
                ":6: targets[0].table: expected a table name, got a list");
        assertFails(MINIMAL.replace("  key: id\n  retention", "  key: 7\n  retention"),
                ":3: policy.key: expected a column name, got a number (7)");
        assertFails(MINIMAL + "    children: all\n", ":10: targets[0].children: 'all' is not auto or none");
        assertFails(MINIMAL.replace("policy:\n", "policy: organizations\n").replace("  table: organizations\n  key: id\n  retention_days: retention_days\n", ""),
                ":1: policy: expected a mapping (table, key, retention_days, default_days, min_days or query), got a string ('organizations')");
    }

    @Test
    void daysAreWrittenInDecimal() throws IOException {
        Path file = write(MINIMAL.replace("retention_days\n", "retention_days\n  default_days: 1_000\n  min_days: +7\n"));
        assertThat(ConfigLoader.load(file).policy()).extracting(PolicyConfig::defaultDays, PolicyConfig::minDays)
                .containsExactly(1000, 7);
        assertFails(MINIMAL.replace("retention_days\n", "retention_days\n  default_days: 0500\n"),
                ":5: policy.default_days: 0500 has a leading zero, which YAML reads as octal; write 500, expected a"
                        + " whole number of days (0 to 365000)");
        assertFails(MINIMAL.replace("retention_days\n", "retention_days\n  default_days: 0x10\n"),
                ":5: policy.default_days: expected a whole number of days (0 to 365000), got a number (0x10)");
    }

    @Test
    void negativeDays() throws IOException {
        assertFails(MINIMAL.replace("retention_days\n", "retention_days\n  default_days: -1\n"),
                ":5: policy.default_days: -1 is negative; expected a whole number of days (0 to 365000)");
        assertFails(MINIMAL.replace("retention_days\n", "retention_days\n  min_days: -3\n"),
                ":5: policy.min_days: -3 is negative; expected a whole number of days (0 to 365000)");
    }

    @Test
    void daysBeyondWhatATimestampCanReachBack() throws IOException {
        Path longest = write(MINIMAL.replace("retention_days\n", "retention_days\n  default_days: 365000\n"));
        assertThat(ConfigLoader.load(longest).policy().defaultDays()).isEqualTo(365_000);
        // now() - 2147483647 days is out of PostgreSQL's timestamp range: the run would fail after taking its lock.
        assertFails(MINIMAL.replace("retention_days\n", "retention_days\n  default_days: 365001\n"),
                ":5: policy.default_days: 365001 is more than 365000; expected a whole number of days (0 to 365000)");
        assertFails(MINIMAL.replace("retention_days\n", "retention_days\n  min_days: 2147483648\n"),
                ":5: policy.min_days: 2147483648 is more than 365000; expected a whole number of days (0 to 365000)");
    }

    @Test
    void policyTableAndQueryTogether() throws IOException {
        assertFails(MINIMAL.replace("retention_days\n", "retention_days\n  query: SELECT 1\n"),
                ":2: policy.table: give either query or table, key and retention_days, not both");
        assertFails(MINIMAL.replace("  table: organizations\n  key: id\n  retention_days: retention_days\n", "  query: ' '\n"),
                ":2: policy.query: is empty; expected an SQL query returning columns tenant and retention_days");
    }

    @Test
    void badTableName() throws IOException {
        assertFails(MINIMAL.replace("table: outgoing_emails", "table: a.b.c"),
                ":6: targets[0].table: 'a.b.c' is not 'table' or 'schema.table' (quote mixed case: "
                        + "support.\"TicketNotes\"): it has 3 dotted parts");
        assertFails(MINIMAL.replace("timestamp: created_at", "timestamp: t.created_at"),
                ":8: targets[0].timestamp: 't.created_at' is not a column name: expected one name, found 2 dotted parts");
    }

    @Test
    void emptyValueIsReportedAsMissing() throws IOException {
        assertFails(MINIMAL.replace("timestamp: created_at", "timestamp:"),
                ":8: targets[0].timestamp: expected a column name, got no value");
    }

    @Test
    void noTargets() throws IOException {
        assertFails(MINIMAL.substring(0, MINIMAL.indexOf("targets:")) + "targets: []\n",
                ":5: targets: lists no targets; expected at least one");
    }

    @Test
    void duplicateTarget() throws IOException {
        assertFails(MINIMAL + """
                  - table: public.outgoing_emails
                    key: id
                    timestamp: sent_at
                    tenant: [organization_id -> organizations.id]
                """, ":10: targets[1].table: 'public.outgoing_emails' is already a target in targets[0]");
    }

    // --- tenant paths and edges ---

    @Test
    void tenantPathMustEndAtThePolicyTable() throws IOException {
        assertFails(MINIMAL.replace("[organization_id -> organizations.id]", "[domain_id -> domains.id]"),
                ":9: targets[0].tenant: the path must end at the policy table: its last hop references domains.id, "
                        + "expected organizations.id");
        assertFails(MINIMAL.replace("[organization_id -> organizations.id]", "[organization_id -> organizations.uuid]"),
                ":9: targets[0].tenant: the path must end at the policy table: its last hop references "
                        + "organizations.uuid, expected organizations.id");
    }

    @Test
    void tenantPathMustNotBeEmpty() throws IOException {
        assertFails(MINIMAL.replace("[organization_id -> organizations.id]", "[]"),
                ":9: targets[0].tenant: is empty; expected hops 'column -> table.column' from the target to the policy table");
    }

    @Test
    void malformedTenantHopNamesItsLine() throws IOException {
        assertFails(MINIMAL.replace("    tenant: [organization_id -> organizations.id]\n", """
                    tenant:
                      - domain_id -> domains.id
                      - 'organization_id -> '
                """), ":11: targets[0].tenant[1]: 'organization_id -> ' is not 'column -> table.column'");
    }

    @Test
    void malformedEdge() throws IOException {
        assertFails(MINIMAL + """
                    extra_children:
                      - email_opens.outgoing_email_id -> outgoing_emails.id
                      - email_clicks.outgoing_email_id outgoing_emails.id
                """, ":12: targets[0].extra_children[1]: 'email_clicks.outgoing_email_id outgoing_emails.id' is not "
                + "'child_table.column -> parent_table.column'");
        assertFails(MINIMAL + "    extra_children: email_opens.outgoing_email_id -> outgoing_emails.id\n",
                ":10: targets[0].extra_children: expected a list of relations 'child_table.column -> parent_table.column', "
                        + "got a string ('email_opens.outgoing_email_id -> outgoing_emails.id')");
    }
}
