package dev.tern.hotload.api;

import dev.tern.kernel.GenServer;
import java.util.Map;

/**
 * A module server whose state can move to another version of the module. The state itself
 * may use the module's own classes. Only the exported form must be JDK and API types,
 * because the two versions share no module classes.
 *
 * <p>On an upgrade the host suspends the process and calls the new version's
 * {@link #codeChange}, which exports the old state through the old callbacks and imports it
 * here. If the upgrade fails afterwards, the host changes the process back to the old
 * callbacks, which get their unchanged old state back.
 *
 * @param <S> the state type
 */
public interface MigratableServer<S> extends GenServer<S> {

    /**
     * Returns {@code state} as JDK and API types only (maps, lists, strings, numbers, records
     * of API modules). Runs inside the process, on the old version's callbacks.
     */
    Map<String, Object> exportState(S state);

    /**
     * Builds this version's state from what an older or newer version exported. Throwing
     * aborts the upgrade; the process keeps its old callbacks and state.
     */
    S importState(Map<String, Object> exported, CodeChange change) throws Exception;

    /** Moves the state between versions through {@link #exportState} and {@link #importState}. */
    @Override
    @SuppressWarnings("unchecked")
    default S codeChange(Object oldVersion, Object oldState, Object extra) throws Exception {
        CodeChange change = CodeChange.of(extra);
        if (change.isRollback()) {
            return (S) change.restoredState();
        }
        return importState(change.exportedState(oldState), change);
    }
}
