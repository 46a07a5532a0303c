package dev.tern.hotload.support;

import dev.tern.hotload.ModuleBinding;
import dev.tern.hotload.api.ModuleContext;
import dev.tern.hotload.testapi.Feature;
import dev.tern.hotload.testapi.FeatureContext;
import dev.tern.hotload.testapi.Handler;
import dev.tern.hotload.testapi.Route;
import java.util.Map;

/** Binds {@link Feature} entries, wrapping hotload's context in the host's {@link FeatureContext}. */
public final class FeatureBinding implements ModuleBinding<Feature, Route> {

    @Override
    public Class<Feature> entryType() {
        return Feature.class;
    }

    @Override
    public void start(Feature entry, ModuleContext<Route> context) throws Exception {
        entry.start(new FeatureContext() {
            @Override
            public void route(String key, Handler handler) {
                context.register(new Route(key, handler));
            }

            @Override
            public String version() {
                return context.version();
            }
        });
    }

    @Override
    public void stop(Feature entry, ModuleContext<Route> context) {
    }

    @Override
    public Map<String, Object> exportState(Feature entry) {
        return entry.exportState();
    }

    @Override
    public void importState(Feature entry, String fromVersion, Map<String, Object> state) throws Exception {
        entry.importState(fromVersion, state);
    }
}
