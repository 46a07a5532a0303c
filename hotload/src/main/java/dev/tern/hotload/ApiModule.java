package dev.tern.hotload;

import dev.tern.hotload.api.ModuleEntry;
import dev.tern.hotload.descriptor.ModuleVersions;
import dev.tern.kernel.Kernel;
import java.util.Objects;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * A set of host packages that modules may link against, published as one JBoss module. A
 * module sees an API module only when its descriptor names it with an accepted version
 * range; it sees only the listed packages, loaded from {@code classLoader}, so host classes in
 * other packages stay out of reach.
 *
 * @param name        what descriptors write after {@code api.}, e.g. {@code tern.kernel}
 * @param version     the version descriptors' ranges are checked against
 * @param classLoader the host loader that defines the packages
 * @param packages    the exported package names, e.g. {@code dev.tern.kernel}
 */
public record ApiModule(String name, String version, ClassLoader classLoader, Set<String> packages) {

    /** The version of the kernel and hotload APIs; ranges in descriptors are checked against it. */
    public static final String TERN_API_VERSION = "0.1.0";

    public ApiModule {
        ModuleVersions.requireName(name);
        ModuleVersions.parse(version);
        Objects.requireNonNull(classLoader, "classLoader");
        packages = Set.copyOf(packages);
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("API module '" + name + "' exports no package; list at least one");
        }
    }

    /** Returns the kernel's processes and behaviours, {@code dev.tern.kernel}, as {@code tern.kernel}. */
    public static ApiModule kernel() {
        return new ApiModule("tern.kernel", TERN_API_VERSION, Kernel.class.getClassLoader(), Set.of("dev.tern.kernel"));
    }

    /** Returns hotload's module API, {@code dev.tern.hotload.api}, as {@code tern.hotload}. */
    public static ApiModule hotload() {
        return new ApiModule("tern.hotload", TERN_API_VERSION, ModuleEntry.class.getClassLoader(),
                Set.of("dev.tern.hotload.api"));
    }

    /** Returns the SLF4J logging API as {@code org.slf4j}, at the version in its jar's manifest. */
    public static ApiModule slf4j() {
        String version = LoggerFactory.class.getPackage().getImplementationVersion();
        return new ApiModule("org.slf4j", version == null ? "2.0.0" : version, LoggerFactory.class.getClassLoader(),
                Set.of("org.slf4j", "org.slf4j.event", "org.slf4j.spi", "org.slf4j.helpers"));
    }
}
