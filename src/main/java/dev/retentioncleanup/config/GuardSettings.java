package dev.retentioncleanup.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The guard settings of a run, grouped so they travel together: the limits the user set, by setting (a limit
 * left unset is absent and its guard off), and how pausing, stopping and shutting down behave. Kept as a map so
 * that a new guard's limit needs no component here: the guard registry asks for its own setting.
 *
 * @param guardWait     how long a continuous pause may last before the run stops (exit 3)
 * @param guardInterval how long a guard's reading is reused (less when the WAL since would take it over its limit)
 * @param shutdownGrace after SIGTERM/SIGINT, how long the running batch may take to commit before it is cancelled
 */
public record GuardSettings(Map<Setting<?>, Object> limits, Duration guardWait, Duration guardInterval,
        Duration shutdownGrace) {
    private static final Set<Setting<?>> TIMING = Set.of(Settings.GUARD_WAIT, Settings.GUARD_INTERVAL,
            Settings.SHUTDOWN_GRACE);

    public GuardSettings {
        limits = Map.copyOf(limits);
    }

    static GuardSettings resolve(Layers layers) {
        Map<Setting<?>, Object> limits = new HashMap<>();
        for (Setting<?> setting : Settings.all()) {
            Object value = setting.group() == SettingGroup.GUARDS && !TIMING.contains(setting)
                    ? layers.value(setting) : null;
            if (value != null) {
                limits.put(setting, value);
            }
        }
        return new GuardSettings(limits, layers.value(Settings.GUARD_WAIT), layers.value(Settings.GUARD_INTERVAL),
                layers.value(Settings.SHUTDOWN_GRACE));
    }

    /** The limit set for {@code setting}, or null when the user left that guard off. */
    @SuppressWarnings("unchecked") // put by resolve() under the setting that parsed it, so of its type
    public <T> T limit(Setting<T> setting) {
        return (T) limits.get(setting);
    }
}
