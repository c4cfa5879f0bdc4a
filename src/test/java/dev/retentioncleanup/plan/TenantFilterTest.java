package dev.retentioncleanup.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TenantFilterTest {
    @Test
    void onlyListedTenantsWhenSome() {
        TenantFilter filter = new TenantFilter(List.of("42", "7"), 0, 1);
        assertThat(filter.includes("42")).isTrue();
        assertThat(filter.includes("7")).isTrue();
        assertThat(filter.includes("8")).isFalse();
    }

    @Test
    void shardsPartitionTenantsWithoutOverlapOrGap() {
        List<String> tenants = IntStream.range(0, 1000).mapToObj(Integer::toString).toList();
        int[] perShard = new int[4];
        for (String tenant : tenants) {
            int owners = 0;
            for (int shard = 0; shard < 4; shard++) {
                if (new TenantFilter(List.of(), shard, 4).includes(tenant)) {
                    owners++;
                    perShard[shard]++;
                }
            }
            assertThat(owners).as("shards owning tenant %s", tenant).isEqualTo(1);
        }
        assertThat(java.util.Arrays.stream(perShard).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(200, 300));
    }

    @Test
    void theShardOfATenantIsStable() {
        // CRC-32 of "42" is 0x3224B088 = 841265288; 841265288 % 10 = 8. Pods of every version must agree.
        assertThat(TenantFilter.shardOf("42", 10)).isEqualTo(8);
    }
}
