package dev.retentioncleanup.plan;

import java.time.Instant;

/** A tenant (its policy key, as text) and the instant before which its rows go. */
public record TenantCutoff(String tenant, int days, Instant cutoff) {
}
