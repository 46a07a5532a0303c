package dev.tern.hotload.testapi;

import java.util.Map;

/**
 * A host-specific entry interface, shaped like the XMPP server's feature modules: the host
 * hands it its own context, and module-level state moves between versions as a map.
 */
public interface Feature {

    void start(FeatureContext context) throws Exception;

    default Map<String, Object> exportState() {
        return Map.of();
    }

    default void importState(String fromVersion, Map<String, Object> state) throws Exception {
    }
}
