package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Which tenants a run touches, and with which cutoff: min_days, default_days, --tenant, --shard. */
@ExtendWith(FreshDatabaseExtension.class)
class PolicySelectionIT {
    /** Per tenant, the emails a run with min_days 3 and no default deletes (see {@link ExampleFixture}). */
    private static final Map<String, List<Long>> GONE_BY_TENANT = Map.of(
            "1", List.of(104L, 105L, 106L, 114L, 115L, 116L),
            "2", List.of(205L, 206L),
            "3", List.of(),
            "4", List.of(403L, 404L, 405L, 406L));

    @BeforeEach
    void load(TestDatabase db) {
        ExampleFixture.load(db);
    }

    @Test
    void min_days_floors_a_zero_retention(TestDatabase db, @TempDir Path dir) {
        Path floorSix = Runs.config(dir, ExampleFixture.config("").replace("min_days: 3", "min_days: 6"));

        Runs.Outcome six = Runs.run(db, dir, floorSix, "--tenant", "4");

        assertThat(six.exitCode()).as(six.describe()).isZero();
        // retention 0, floor 6 days: the 5-day-old email 403 stays
        ExampleFixture.assertState(db, List.of(404L, 405L, 406L));
        assertThat(six.report().tenantRows()).isEqualTo(Map.of("4", Map.of("public.outgoing_emails", 3L)));

        Runs.Outcome three = Runs.run(db, dir, Runs.config(dir, ExampleFixture.config("")), "--tenant", "4");

        assertThat(three.exitCode()).as(three.describe()).isZero();
        // floor 3 days: 401 (1 day) and 402 (2 days) stay although the policy says 0
        ExampleFixture.assertState(db, List.of(403L, 404L, 405L, 406L));
    }

    @Test
    void default_days_applies_to_tenants_with_null_retention(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config("  default_days: 4"));

        Runs.Outcome run = Runs.run(db, dir, config);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<Long> gone = new ArrayList<>(GONE_BY_TENANT.get("1"));
        gone.addAll(GONE_BY_TENANT.get("2"));
        gone.addAll(List.of(303L, 304L, 305L, 306L)); // 4 days: the 5-day-old and older
        gone.addAll(GONE_BY_TENANT.get("4"));
        ExampleFixture.assertState(db, gone);
        assertThat(run.report().skippedTenants()).isEmpty();
        assertThat(run.report().tenantRows()).containsEntry("3", Map.of("public.outgoing_emails", 4L));
        assertThat(run.report().tables()).isEqualTo(ExampleFixture.deletedCounts(16));
    }

    @Test
    void tenant_flag_selects_only_those_tenants_and_a_tenant_without_policy_stays_skipped(TestDatabase db,
            @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config(""));

        Runs.Outcome run = Runs.run(db, dir, config, "--tenant", "2", "--tenant", "3");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        ExampleFixture.assertState(db, GONE_BY_TENANT.get("2"));
        assertThat(run.report().tenantRows()).isEqualTo(Map.of("2", Map.of("public.outgoing_emails", 2L)));
        assertThat(run.report().skippedTenants()).containsExactly("3");
        assertThat(run.report().tables()).isEqualTo(ExampleFixture.deletedCounts(2));
    }

    @Test
    void shards_split_the_tenants_by_crc32_without_overlap(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config(""));
        int count = 4;
        List<Long> goneSoFar = new ArrayList<>();
        for (int shard = 0; shard < count; shard++) {
            List<String> members = new ArrayList<>();
            for (String tenant : List.of("1", "2", "3", "4")) {
                if (crc32(tenant) % count == shard) {
                    members.add(tenant);
                }
            }

            Runs.Outcome run = Runs.run(db, dir, config, "--shard", shard + "/" + count);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            members.forEach(t -> goneSoFar.addAll(GONE_BY_TENANT.get(t)));
            ExampleFixture.assertState(db, goneSoFar);
            List<String> withPolicy = members.stream().filter(t -> !t.equals("3")).toList();
            assertThat(run.report().tenantRows().keySet()).as("shard %d", shard)
                    .containsExactlyInAnyOrderElementsOf(withPolicy);
            assertThat(run.report().skippedTenants()).as("shard %d", shard)
                    .isEqualTo(members.contains("3") ? List.of("3") : List.of());
        }
        ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
    }

    /** Independent of TenantFilter: CRC-32 of the key's UTF-8 text, as docs/configuration.md promises for --shard. */
    private static long crc32(String tenant) {
        CRC32 crc = new CRC32();
        crc.update(tenant.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    @Test
    void a_tenant_with_two_policy_rows_is_a_configuration_error_and_nothing_is_deleted(TestDatabase db,
            @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config("").replace("""
                  table: organizations
                  key: id
                  retention_days: retention_days
                """, """
                  query: "SELECT id AS tenant, retention_days FROM organizations UNION ALL SELECT 1, 365;"
                """));
        long emails = db.queryLong("SELECT count(*) FROM outgoing_emails");

        Runs.Outcome run = Runs.run(db, dir, config);

        assertThat(run.cli().exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains("policy: tenant 1 has more than one row in the policy");
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails")).isEqualTo(emails);
    }
}
