package dev.tern.console;

import dev.tern.mod.roster.RosterModule;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.ModuleContext;
import java.util.Map;

/**
 * The entry class of a later roster version for upgrade tests: the roster module plus the service
 * discovery feature {@value #FEATURE}, so that a client can tell which version runs.
 * {@link RosterJars#addWithEntry} copies it into the module jar, where it sees the jar's roster
 * classes and the module API, and no other test class.
 */
public final class MarkedRoster implements FeatureModule {

    public static final String FEATURE = "urn:example:tern:console-upgraded-roster";

    private final RosterModule roster = new RosterModule();

    @Override
    public void start(ModuleContext context) throws Exception {
        context.addFeature(FEATURE);
        roster.start(context);
    }

    @Override
    public void stop(ModuleContext context) {
        roster.stop(context);
    }

    @Override
    public Map<String, Object> exportState() {
        return roster.exportState();
    }

    @Override
    public void importState(String fromVersion, Map<String, Object> state) throws Exception {
        roster.importState(fromVersion, state);
    }
}
