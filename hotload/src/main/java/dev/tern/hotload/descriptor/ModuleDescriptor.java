package dev.tern.hotload.descriptor;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a module version declares about itself: identity, entry class, the host API modules it
 * links against, the modules it needs started before it, and its options.
 *
 * @param name       the module name, also its directory in the repository
 * @param version    the version, also its directory under the name
 * @param entryClass the fully qualified name of the class the host instantiates
 * @param apis       host API module name to the versions this module accepts
 * @param requires   hard dependencies: modules that must be running before this one starts
 * @param uses       soft dependencies: started first when installed, ignored otherwise
 * @param options    the options in declaration order
 */
public record ModuleDescriptor(
        String name,
        String version,
        String entryClass,
        Map<String, VersionRange> apis,
        Map<String, VersionRange> requires,
        Map<String, VersionRange> uses,
        List<OptionSpec> options) {

    public ModuleDescriptor {
        ModuleVersions.requireName(name);
        ModuleVersions.parse(version);
        Objects.requireNonNull(entryClass, "entryClass");
        apis = Map.copyOf(apis);
        requires = Map.copyOf(requires);
        uses = Map.copyOf(uses);
        options = List.copyOf(options);
    }

    /** Returns {@code name@version}, as log lines and errors print a module version. */
    public String coordinates() {
        return name + "@" + version;
    }
}
