package dev.tern.server.session;

/** The outcome of {@link SessionManager#bind}. */
public sealed interface BindResult {

    /**
     * The resource is bound.
     *
     * @param replaced the session that had the same full JID and was replaced, or null
     */
    record Bound(SessionEntry entry, SessionEntry replaced) implements BindResult {
    }

    /** The full JID is taken, and the conflict policy keeps the existing session. */
    record Conflict(SessionEntry existing) implements BindResult {
    }
}
