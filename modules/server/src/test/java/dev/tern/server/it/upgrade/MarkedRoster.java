package dev.tern.server.it.upgrade;

import dev.tern.mod.roster.RosterModule;

/** The roster module with the discovery feature {@value #FEATURE}. */
public final class MarkedRoster extends MarkedModule {

    public static final String FEATURE = "urn:example:tern:upgraded-roster";

    public MarkedRoster() {
        super(new RosterModule(), FEATURE);
    }
}
