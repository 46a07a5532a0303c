package dev.tern.server.module.toys;

import dev.tern.server.module.probe.Greeter;
import dev.tern.server.module.probe.Probe;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.ModuleOption;

/** A toy module that looks up the {@link Greeter} another module provides and reports its greeting. */
public final class GreeterUserToy implements FeatureModule {

    static final ModuleOption<Integer> LIMIT = ModuleOption.integer("limit", "A limit for the test", 5, 1, 10);

    @Override
    public void start(ModuleContext context) {
        Probe.record("limit " + context.option(LIMIT));
        Probe.record(context.lookup(Greeter.class).map(greeter -> greeter.greet("Alice")).orElse("no greeter"));
    }
}
