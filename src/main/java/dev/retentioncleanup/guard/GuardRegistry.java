package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Sources;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

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
        List<Value<?>> values = new ArrayList<>();
        for (Entry<?> entry : ENTRIES) {
            Value<?> value = entry.resolve(sources);
            if (value != null) {
                values.add(value);
            }
        }
        return new Enabled(values);
    }

    /** The guards turned on, with their values; {@link #guards} builds them afresh for a run or a check. */
    public static final class Enabled {
        private final List<Value<?>> values;

        private Enabled(List<Value<?>> values) {
            this.values = List.copyOf(values);
        }

        public boolean isEmpty() {
            return values.isEmpty();
        }

        /**
         * One guard per setting the user set; none set, none asked. Guards that need no connection (the pause
         * file) are asked first, the others in registry order.
         *
         * @param interval how long a reading is reused ({@code --guard-interval})
         */
        public Guards guards(Duration interval, Clock clock) {
            List<Guard<?>> guards = new ArrayList<>(values.stream().<Guard<?>>map(v -> v.build(clock)).toList());
            guards.sort(Comparator.comparing((Guard<?> g) -> g.needsConnection())); // stable: registry order otherwise
            return Guards.of(guards, clock, interval);
        }
    }

    /** @param build the guard from its setting's value; the clock is for guards that keep time (the WAL rate) */
    private record Entry<T>(Setting<T> setting, BiFunction<T, Clock, Guard<?>> build) {
        Value<T> resolve(Sources sources) {
            T value = sources.value(setting);
            return value == null ? null : new Value<>(this, value);
        }
    }

    private record Value<T>(Entry<T> entry, T value) {
        Value {
            Objects.requireNonNull(value, "value");
        }

        Guard<?> build(Clock clock) {
            return entry.build().apply(value, clock);
        }
    }
}
