package dev.tern.server.it.upgrade;

import dev.tern.mod.presence.PresenceModule;

/** The presence module with the discovery feature {@value #FEATURE}. */
public final class MarkedPresence extends MarkedModule {

    public static final String FEATURE = "urn:example:tern:upgraded-presence";

    public MarkedPresence() {
        super(new PresenceModule(), FEATURE);
    }
}
