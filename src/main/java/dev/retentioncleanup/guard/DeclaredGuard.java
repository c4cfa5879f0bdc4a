package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Setting;

/**
 * A guard with its name and the setting that turns it on, held once for every guard.
 *
 * @param <R> what one reading holds
 */
abstract class DeclaredGuard<R> implements Guard<R> {
    private final String name;
    private final Setting<?> setting;

    DeclaredGuard(String name, Setting<?> setting) {
        this.name = name;
        this.setting = setting;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The guard's own setting says which flag set it, so messages and the registry cannot disagree. */
    @Override
    public final Setting<?> setting() {
        return setting;
    }
}
