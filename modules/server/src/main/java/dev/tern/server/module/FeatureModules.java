package dev.tern.server.module;

import dev.tern.hotload.ApiModule;
import dev.tern.hotload.ModuleException;
import dev.tern.hotload.ModuleInfo;
import dev.tern.hotload.ModuleManager;
import dev.tern.hotload.descriptor.ModuleVersions;
import dev.tern.kernel.Kernel;
import dev.tern.xmpp.api.module.FeatureModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds hotload's module manager for the server's feature modules: the XMPP module API as the
 * API module {@value #XMPP_API}, the {@link FeatureModuleBinding}, and the {@link ModuleHost} as
 * the sink of registrations and the owner of the dispatch gate.
 */
public final class FeatureModules {

    /** The name under which descriptors declare the XMPP module API: {@code api.tern.xmpp=[0.1,1)}. */
    public static final String XMPP_API = "tern.xmpp";

    /** The version of the XMPP module API that descriptors' ranges are checked against. */
    public static final String XMPP_API_VERSION = "0.1.0";

    private FeatureModules() {
    }

    /** Returns the XMPP module API: every package of {@code dev.tern.xmpp.api}, from the server's class loader. */
    public static ApiModule xmppApi() {
        return new ApiModule(XMPP_API, XMPP_API_VERSION, FeatureModule.class.getClassLoader(),
                Set.of("dev.tern.xmpp.api", "dev.tern.xmpp.api.module", "dev.tern.xmpp.api.roster"));
    }

    /**
     * Returns a manager builder for the feature modules in {@code repository}, running in
     * {@code kernel} and registering with {@code host}. The caller adds the modules'
     * configuration and builds it.
     */
    public static ModuleManager.Builder<Registrations> builder(Kernel kernel, ModuleHost host, Path repository) {
        return ModuleManager.<Registrations>builder(kernel, repository)
                .apiModule(xmppApi())
                .binding(new FeatureModuleBinding(host))
                .sink(host)
                .gate(host.gate());
    }

    /**
     * Installs each of {@code enabled} at its configured version, or at the highest version in
     * the repository when none is configured, then starts them all in dependency order.
     *
     * @param versions module name to the configured version, or empty
     * @throws ModuleException when a module has no version in the repository, or an install or
     *     start fails; modules started before the failure keep running
     */
    public static List<ModuleInfo> startEnabled(ModuleManager<?> manager, List<String> enabled,
            Function<String, Optional<String>> versions) {
        for (String name : enabled) {
            String version = versions.apply(name).orElseGet(() -> highestVersion(manager, name));
            manager.install(name, version);
        }
        return manager.startAll();
    }

    private static String highestVersion(ModuleManager<?> manager, String name) {
        List<String> present;
        try {
            present = manager.repository().versions(name);
        } catch (IOException e) {
            throw new UncheckedIOException("Listing the versions of module '" + name + "' in '"
                    + manager.repository().root() + "' failed: " + e.getMessage(), e);
        }
        return present.stream()
                .filter(FeatureModules::isVersion)
                .max(Comparator.comparing(ModuleVersions::parse))
                .orElseThrow(() -> new ModuleException("Module '" + name + "' is enabled, but the module repository '"
                        + manager.repository().root() + "' has no version of it; copy its jar to '"
                        + manager.repository().root().resolve(name) + "/<version>/'"));
    }

    private static boolean isVersion(String directoryName) {
        try {
            ModuleVersions.parse(directoryName);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
