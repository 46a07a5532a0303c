package dev.tern.hotload.api;

import java.util.Map;

/**
 * The move of one module server between versions, passed by the host as {@code extra} to
 * {@link dev.tern.kernel.GenServer#codeChange}. On an upgrade the new callbacks read the old
 * state through {@link #exportedState}; when a failed upgrade is undone, the old callbacks get
 * their own state back through {@link #restoredState}.
 */
public interface CodeChange {

    /** Returns the server's id within the module. */
    String serverId();

    /** Returns the version whose callbacks ran the process until now. */
    String fromVersion();

    /** Returns the version whose callbacks take over. */
    String toVersion();

    /** Returns true when a failed upgrade is being undone and the process returns to its old callbacks. */
    boolean isRollback();

    /**
     * Returns {@code oldState} exported by the old version's callbacks as JDK and API types.
     * When those callbacks are a {@link MigratableServer} this is their
     * {@code exportState(oldState)}; otherwise {@code oldState} itself must be such a map.
     *
     * @throws IllegalStateException on a rollback
     * @throws IllegalArgumentException when the exported state contains classes of the module
     *                                  (they would pin the old version's class loader) or is not a map
     */
    Map<String, Object> exportedState(Object oldState);

    /**
     * Returns the state the process had before the failed upgrade, as the old callbacks left it.
     *
     * @throws IllegalStateException when this is not a rollback, or when the upgrade never read
     *                               the old state (the new callbacks did not call {@link #exportedState})
     */
    Object restoredState();

    /**
     * Returns {@code extra} as a code change.
     *
     * @throws IllegalArgumentException when the code change was not started by the module host
     */
    static CodeChange of(Object extra) {
        if (extra instanceof CodeChange change) {
            return change;
        }
        throw new IllegalArgumentException("Expected a CodeChange from the module host as codeChange's extra, got "
                + (extra == null ? "null" : extra.getClass().getName()));
    }
}
