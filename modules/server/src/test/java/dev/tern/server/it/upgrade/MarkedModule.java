package dev.tern.server.it.upgrade;

import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.ModuleContext;
import java.util.Map;

/**
 * A later version of a feature module for upgrade tests: the same code, plus a service discovery
 * feature of its own, so a client can tell which version answers. It goes into the module's jar
 * as the entry class, and sees the module's classes as the module's own.
 */
public abstract class MarkedModule implements FeatureModule {

    private final FeatureModule delegate;
    private final String feature;

    protected MarkedModule(FeatureModule delegate, String feature) {
        this.delegate = delegate;
        this.feature = feature;
    }

    @Override
    public void start(ModuleContext context) throws Exception {
        context.addFeature(feature);
        delegate.start(context);
    }

    @Override
    public void stop(ModuleContext context) {
        delegate.stop(context);
    }

    @Override
    public Map<String, Object> exportState() {
        return delegate.exportState();
    }

    @Override
    public void importState(String fromVersion, Map<String, Object> state) throws Exception {
        delegate.importState(fromVersion, state);
    }
}
