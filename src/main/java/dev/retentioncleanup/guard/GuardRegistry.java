package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Sources;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every guard, one line each: the setting that turns it on (declared by the guard, as its {@code SETTING}) and how
 * to build the guard from that setting's value. The one list of guards: the CLI makes their options from it (in
 * this order, under "Guards:"), resolution reads their values through it, and nothing else builds guards. Adding
 * a guard is its class and its line here (and its docs).
 */
public final class GuardRegistry {
    private static final List<Entry<?>> ENTRIES = List.of(
            new Entry<>(WalRate.SETTING, WalRate::new),
            new Entry<>(WalSize.SETTING, (limit, clock) -> new WalSize(limit)),
            new Entry<>(ArchiveBacklog.SETTING, (limit, clock) -> new ArchiveBacklog(limit)),
            new Entry<>(SlotLag.SETTING, (limit, clock) -> new SlotLag(limit)),
            new Entry<>(ReplicationLag.SETTING, (limit, clock) -> new ReplicationLag(limit)),
            new Entry<>(DatabaseSize.SETTING, (limit, clock) -> new DatabaseSize(limit)),
            new Entry<>(PauseFile.SETTING, (path, clock) -> new PauseFile(path)));

    private GuardRegistry() {
    }

    /** The settings that turn a guard on, in registry order (the order of the help). */
    public static List<Setting<?>> settings() {
        return ENTRIES.stream().<Setting<?>>map(Entry::setting).toList();
    }

    /**
     * The guards the user turned on, each with its setting's value (flag > environment > file). Resolved once, at
     * start: a value that does not parse is a {@code ConfigException} naming where it was set, before anything runs.
     */
    public static Enabled enabled(Sources sources) {
        List<Function<Clock, Guard<?>>> builders = new ArrayList<>();
        for (Entry<?> entry : ENTRIES) {
            Function<Clock, Guard<?>> builder = entry.resolve(sources);
            if (builder != null) {
                builders.add(builder);
            }
        }
        return new Enabled(builders);
    }

    /** The guards turned on, with their values; {@link #guards} builds them afresh for a run or a check. */
    public static final class Enabled {
        private final List<Function<Clock, Guard<?>>> builders;

        private Enabled(List<Function<Clock, Guard<?>>> builders) {
            this.builders = List.copyOf(builders);
        }

        public boolean isEmpty() {
            return builders.isEmpty();
        }

        /**
         * One guard per setting the user set; none set, none asked. Guards that need no connection (the pause
         * file) are asked first, the others in registry order.
         *
         * @param interval how long a reading is reused ({@code --guard-interval})
         */
        public Guards guards(Duration interval, Clock clock) {
            List<Guard<?>> guards = new ArrayList<>(builders.stream().map(b -> b.apply(clock)).toList());
            guards.sort(Comparator.comparing((Guard<?> g) -> g.needsConnection())); // stable: registry order otherwise
            return Guards.of(guards, clock, interval);
        }
    }

    /** @param build the guard from its setting's value; the clock is for guards that keep time (the WAL rate) */
    private record Entry<T>(Setting<T> setting, BiFunction<T, Clock, Guard<?>> build) {
        /** How to build the guard from the user's value; null when the user did not set it. */
        Function<Clock, Guard<?>> resolve(Sources sources) {
            T value = sources.value(setting);
            return value == null ? null : clock -> build.apply(value, clock);
        }
    }
}
