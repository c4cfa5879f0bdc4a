package dev.retentioncleanup.plan;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * {@code --tenant} and {@code --shard I/N}. The shard of a tenant is CRC-32 of its key's text modulo N:
 * stable across JVMs, versions and machines, so N Indexed Job pods split the tenants without overlap.
 */
public final class TenantFilter {
    private final Set<String> only;
    private final int shardIndex;
    private final int shardCount;

    public TenantFilter(List<String> only, int shardIndex, int shardCount) {
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
            throw new IllegalArgumentException("shard " + shardIndex + "/" + shardCount);
        }
        this.only = Set.copyOf(only);
        this.shardIndex = shardIndex;
        this.shardCount = shardCount;
    }

    public static TenantFilter all() {
        return new TenantFilter(List.of(), 0, 1);
    }

    /** "I/N" when this run is one shard of several, else null (the whole tenant set). */
    public String shard() {
        return shardCount == 1 ? null : shardIndex + "/" + shardCount;
    }

    public boolean includes(String tenant) {
        return (only.isEmpty() || only.contains(tenant)) && shardOf(tenant, shardCount) == shardIndex;
    }

    public static int shardOf(String tenant, int shardCount) {
        CRC32 crc = new CRC32();
        crc.update(tenant.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shardCount);
    }
}
