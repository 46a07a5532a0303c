package dev.tern.server.module;

import dev.tern.xmpp.api.module.FeatureModule;

/** A running built-in module: its instance and its context. */
record HostedModule(String name, String version, FeatureModule instance, HostedContext context) {
}
