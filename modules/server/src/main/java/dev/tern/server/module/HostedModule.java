package dev.tern.server.module;

import dev.tern.xmpp.api.module.FeatureModule;
import java.util.Map;

/**
 * One running version of one module: its instance, its context and what it registered. The
 * services stay with the module's name across versions.
 */
record HostedModule(String name, String version, FeatureModule instance, Map<String, String> options,
        HostedContext context, Registrations registrations, ModuleServices services) {
}
