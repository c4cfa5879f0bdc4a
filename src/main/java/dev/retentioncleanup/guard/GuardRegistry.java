package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.GuardSettings;
import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Every guard, one line each: the setting that turns it on and how to build it from that setting's value. The
 * order is the order guards are asked before a batch (the pause file first: it needs no connection). Adding a
 * guard is its class, its setting, and its line here; nothing else builds guards.
 */
public final class GuardRegistry {
    private static final List<Entry<?>> ENTRIES = List.of(
            new Entry<>(Settings.PAUSE_FILE, (path, clock) -> new PauseFile(path)),
            new Entry<>(Settings.MAX_WAL_RATE, WalRate::new),
            new Entry<>(Settings.MAX_WAL_SIZE, (limit, clock) -> new WalSize(limit)),
            new Entry<>(Settings.MAX_ARCHIVE_BACKLOG, (limit, clock) -> new ArchiveBacklog(limit)),
            new Entry<>(Settings.MAX_SLOT_LAG, (limit, clock) -> new SlotLag(limit)),
            new Entry<>(Settings.MAX_REPLICATION_LAG, (limit, clock) -> new ReplicationLag(limit)),
            new Entry<>(Settings.MAX_DATABASE_SIZE, (limit, clock) -> new DatabaseSize(limit)));

    private GuardRegistry() {
    }

    /** One guard per limit the user set; none set, none asked. */
    public static Guards guards(GuardSettings settings, Clock clock) {
        List<Guard<?>> guards = ENTRIES.stream().<Guard<?>>map(e -> e.build(settings, clock))
                .filter(Objects::nonNull).toList();
        return Guards.of(guards, clock, settings.guardInterval());
    }

    /** The settings that turn a guard on, in registry order. */
    public static List<Setting<?>> settings() {
        return ENTRIES.stream().<Setting<?>>map(Entry::setting).toList();
    }

    /** @param build the guard from its setting's value; the clock is for guards that keep time (the WAL rate) */
    private record Entry<T>(Setting<T> setting, BiFunction<T, Clock, Guard<?>> build) {
        Guard<?> build(GuardSettings settings, Clock clock) {
            T value = settings.limit(setting);
            return value == null ? null : build.apply(value, clock);
        }
    }
}
