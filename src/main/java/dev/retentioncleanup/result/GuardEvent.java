package dev.retentioncleanup.result;

import dev.retentioncleanup.guard.Verdict;
import java.time.Instant;

/** A guard paused or stopped the run: which guard, what it read, its limit, when. */
public record GuardEvent(String guard, Verdict.Action action, double reading, double limit, String reason, Instant at) {
}
