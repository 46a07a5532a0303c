package dev.tern.hotload;

import dev.tern.hotload.api.CodeChange;
import dev.tern.hotload.api.MigratableServer;
import dev.tern.kernel.GenServer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link CodeChange} of an upgrade. It exports the old state through the old callbacks
 * and keeps the old state object, so that the process can get it back if the upgrade fails
 * later.
 */
final class UpgradeChange implements CodeChange {

    private final String module;
    private final String serverId;
    private final String fromVersion;
    private final String toVersion;
    private final GenServer<?> oldCallbacks;
    private final SharedTypes sharedTypes;
    private volatile Object oldState;
    private volatile boolean oldStateRead;

    UpgradeChange(String module, String serverId, String fromVersion, String toVersion, GenServer<?> oldCallbacks,
            SharedTypes sharedTypes) {
        this.module = module;
        this.serverId = serverId;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.oldCallbacks = oldCallbacks;
        this.sharedTypes = sharedTypes;
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
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> exportedState(Object state) {
        oldState = state;
        oldStateRead = true;
        Object exported = oldCallbacks instanceof MigratableServer<?> migratable
                ? ((MigratableServer<Object>) migratable).exportState(state)
                : state;
        if (!(exported instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Server '" + serverId + "' of module '" + module + "' version " + fromVersion
                    + " is not a MigratableServer and its state is " + describe(exported)
                    + ", not a map; make its callbacks a MigratableServer so the state can be exported");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("The state exported by server '" + serverId + "' of module '" + module
                        + "' version " + fromVersion + " has the key " + key + "; use String keys only");
            }
        }
        sharedTypes.requireShared(map, "The state exported by server '" + serverId + "' of module '" + module
                + "' version " + fromVersion);
        return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) map));
    }

    @Override
    public Object restoredState() {
        throw new IllegalStateException("Server '" + serverId + "' of module '" + module + "' is being upgraded, not "
                + "rolled back; read the old state through exportedState");
    }

    /** Returns true when the new callbacks read the old state, so {@link #oldState} can restore it. */
    boolean oldStateRead() {
        return oldStateRead;
    }

    Object oldState() {
        return oldState;
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    @Override
    public String toString() {
        return "upgrade of server '" + serverId + "' of module '" + module + "' from " + fromVersion + " to " + toVersion;
    }
}
