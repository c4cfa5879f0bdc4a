package dev.retentioncleanup.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.db.Partition;
import dev.retentioncleanup.db.TableName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionTreeTest {
    private static final TableName ROOT = t("emails");

    private static TableName t(String name) {
        return new TableName("public", name);
    }

    private static Partition leaf(String name, String parent) {
        return new Partition(t(name), t(parent), "FOR VALUES FROM (1) TO (2)", true, false);
    }

    private static Partition tree(String name, String parent) {
        return new Partition(t(name), t(parent), "FOR VALUES FROM (1) TO (2)", false, false);
    }

    private static Partition defaultOf(String name, String parent) {
        return new Partition(t(name), t(parent), "DEFAULT", true, false);
    }

    /** The candidates when exactly the named partitions qualify, and every partition the test was asked about. */
    private static List<String> candidates(List<Partition> partitions, Set<String> qualifying, List<String> asked)
            throws SQLException {
        return new PartitionTree(partitions).candidates(ROOT, p -> {
            asked.add(p.name().name());
            return qualifying.contains(p.name().name());
        }).stream().map(p -> p.name().name()).toList();
    }

    @Test
    void leaves_that_qualify_go_and_the_default_is_never_asked_about() throws SQLException {
        List<String> asked = new ArrayList<>();
        List<String> got = candidates(List.of(leaf("m1", "emails"), leaf("m2", "emails"), defaultOf("d", "emails")),
                Set.of("m1", "d"), asked);

        assertThat(got).containsExactly("m1");
        assertThat(asked).containsExactly("m1", "m2");
    }

    @Test
    void a_qualifying_sub_tree_goes_whole_without_asking_about_its_leaves() throws SQLException {
        List<String> asked = new ArrayList<>();
        List<String> got = candidates(List.of(tree("m1", "emails"), leaf("m1a", "m1"), leaf("m1b", "m1")),
                Set.of("m1", "m1a"), asked);

        assertThat(got).containsExactly("m1");
        assertThat(asked).containsExactly("m1");
    }

    @Test
    void a_sub_tree_that_does_not_qualify_is_tried_leaf_by_leaf() throws SQLException {
        List<String> asked = new ArrayList<>();
        List<String> got = candidates(List.of(tree("m1", "emails"), leaf("m1a", "m1"), leaf("m1b", "m1")),
                Set.of("m1a"), asked);

        assertThat(got).containsExactly("m1a");
        assertThat(asked).containsExactly("m1", "m1a", "m1b");
    }

    @Test
    void a_sub_tree_holding_a_default_anywhere_below_never_goes_whole() throws SQLException {
        List<String> asked = new ArrayList<>();
        List<Partition> partitions = List.of(tree("m1", "emails"), tree("m1x", "m1"), leaf("m1a", "m1"),
                leaf("m1xa", "m1x"), defaultOf("m1xd", "m1x"));
        List<String> got = candidates(partitions, Set.of("m1", "m1x", "m1a", "m1xa"), asked);

        assertThat(got).containsExactlyInAnyOrder("m1a", "m1xa");
        assertThat(asked).doesNotContain("m1", "m1x", "m1xd");
    }

    @Test
    void a_partition_left_pending_by_an_interrupted_concurrent_detach_is_skipped() throws SQLException {
        Partition pending = new Partition(t("m1"), ROOT, "FOR VALUES FROM (1) TO (2)", true, true);

        assertThat(candidates(List.of(pending), Set.of("m1"), new ArrayList<>())).isEmpty();
    }
}
