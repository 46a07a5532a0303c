package dev.tern.server.module;

import dev.tern.hotload.ModuleBinding;
import dev.tern.hotload.api.ModuleContext;
import dev.tern.xmpp.api.module.FeatureModule;
import java.util.Map;

/**
 * Lets hotload drive the server's {@link FeatureModule}s. A start wraps hotload's context of the
 * version in a {@link HostedContext}, runs the module's start and hands the sealed
 * {@link Registrations} to hotload as the version's one registration, which the
 * {@link ModuleHost} publishes. Hotload then makes it live after a start, switches it at an
 * upgrade and withdraws it at a stop. Services and timers go through hotload's context too.
 */
final class FeatureModuleBinding implements ModuleBinding<FeatureModule, Registrations> {

    private final ModuleHost host;

    FeatureModuleBinding(ModuleHost host) {
        this.host = host;
    }

    @Override
    public Class<FeatureModule> entryType() {
        return FeatureModule.class;
    }

    @Override
    public void start(FeatureModule entry, ModuleContext<Registrations> context) throws Exception {
        HostedContext hosted = HostedContext.managed(host, context);
        try {
            entry.start(hosted);
        } catch (Exception | LinkageError e) {
            host.dropCountersOf(context.moduleName(), hosted.registrations());
            throw e;
        }
        context.register(hosted.seal());
    }

    /** Runs the module's stop with a context that accepts no more registrations, then removes its counters. */
    @Override
    public void stop(FeatureModule entry, ModuleContext<Registrations> context) {
        HostedContext hosted = HostedContext.managed(host, context);
        hosted.seal();
        try {
            entry.stop(hosted);
        } finally {
            host.removeCounters(context.moduleName());
        }
    }

    @Override
    public Map<String, Object> exportState(FeatureModule entry) {
        return entry.exportState();
    }

    @Override
    public void importState(FeatureModule entry, String fromVersion, Map<String, Object> state) throws Exception {
        entry.importState(fromVersion, state);
    }
}
