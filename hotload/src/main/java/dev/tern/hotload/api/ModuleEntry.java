package dev.tern.hotload.api;

import java.util.Map;

/**
 * The entry class of a module, for hosts that use hotload's own module API. The descriptor
 * names the class; the host instantiates it through its public no-argument constructor, once
 * per loaded version.
 *
 * <p>{@link #start} declares everything the module runs: processes, registrations, timers,
 * threads and MBeans, all through the context. The host records them and undoes them on stop,
 * so a module needs no clean-up code. During an upgrade the new version's {@code start} runs
 * against a context whose {@link ModuleContext#upgradingFrom()} is set: servers it starts
 * under an id the old version used take over the running processes and their state instead
 * of starting new ones.
 *
 * @param <R> the host's registration type (handlers, hooks)
 */
public interface ModuleEntry<R> {

    /** Starts the module by declaring its processes and registrations through {@code context}. */
    void start(ModuleContext<R> context) throws Exception;

    /**
     * Runs on an ordinary stop, before the context undoes what the module registered. It does
     * not run when an upgrade replaces this version. The default does nothing.
     */
    default void stop(ModuleContext<R> context) throws Exception {
    }

    /**
     * Returns module-level state for the next version, made of JDK and API types only (maps,
     * lists, strings, numbers); the host rejects anything else. Runs before the next version
     * starts. The default hands over nothing; state held by processes moves through
     * {@link MigratableServer} instead.
     */
    default Map<String, Object> exportState() {
        return Map.of();
    }

    /**
     * Takes the state another version exported, before {@link #start}. Throwing aborts the
     * upgrade and keeps the old version running.
     *
     * @param fromVersion the version that exported {@code state}
     */
    default void importState(String fromVersion, Map<String, Object> state) throws Exception {
    }
}
