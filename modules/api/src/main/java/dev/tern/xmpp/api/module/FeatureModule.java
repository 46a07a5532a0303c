package dev.tern.xmpp.api.module;

/**
 * The entry class of an XMPP feature module (roster, presence, ping, …). The server creates
 * one instance per loaded version and calls {@link #start} with a context; everything the
 * module registers through that context is recorded and undone when the module stops, so a
 * module needs no clean-up code of its own.
 *
 * <p>A module compiles against this API and the JDK only. During a hot upgrade the server
 * starts the new version's instance, hands over what {@link #exportState} returned from the
 * old one, and switches the registrations atomically; state crosses versions as JDK and API
 * types only, never as classes of the old version.
 */
public interface FeatureModule {

    /** Registers the module's handlers, hooks, features and services. */
    void start(ModuleContext context) throws Exception;

    /** Runs before the context's registrations are undone; the default does nothing. */
    default void stop(ModuleContext context) {
    }

    /**
     * Returns the in-memory state to hand to the next version, made of JDK types (maps,
     * lists, strings, numbers) and API types only. The default hands over nothing.
     */
    default java.util.Map<String, Object> exportState() {
        return java.util.Map.of();
    }

    /**
     * Takes the state an older (or, on rollback, newer) version exported, before
     * {@link #start}. Throwing aborts the upgrade and keeps the old version running.
     *
     * @param fromVersion the version that exported the state
     */
    default void importState(String fromVersion, java.util.Map<String, Object> state) throws Exception {
    }
}
