package dev.tern.hotload;

import dev.tern.hotload.api.CodeChange;
import java.util.Map;

/** The {@link CodeChange} that returns a server to its old callbacks after a failed upgrade. */
final class RollbackChange implements CodeChange {

    private final String module;
    private final String serverId;
    private final String fromVersion;
    private final String toVersion;
    private final boolean stateKnown;
    private final Object restoredState;

    /**
     * @param fromVersion   the version that failed, which the process leaves
     * @param toVersion     the version the process returns to
     * @param stateKnown    whether {@code restoredState} is the state from before the upgrade
     */
    RollbackChange(String module, String serverId, String fromVersion, String toVersion, boolean stateKnown,
            Object restoredState) {
        this.module = module;
        this.serverId = serverId;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.stateKnown = stateKnown;
        this.restoredState = restoredState;
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public String fromVersion() {
        return fromVersion;
    }

    @Override
    public String toVersion() {
        return toVersion;
    }

    @Override
    public boolean isRollback() {
        return true;
    }

    @Override
    public Map<String, Object> exportedState(Object oldState) {
        throw new IllegalStateException("Server '" + serverId + "' of module '" + module + "' is being rolled back; "
                + "return restoredState() instead of importing");
    }

    @Override
    public Object restoredState() {
        if (!stateKnown) {
            throw new IllegalStateException("The state of server '" + serverId + "' of module '" + module + "' from before "
                    + "the upgrade to " + fromVersion + " is unknown, because that version's codeChange never called "
                    + "exportedState");
        }
        return restoredState;
    }

    @Override
    public String toString() {
        return "rollback of server '" + serverId + "' of module '" + module + "' from " + fromVersion + " to " + toVersion;
    }
}
