package dev.tern.hotload.loading;

import java.util.List;
import java.util.Set;
import org.jboss.modules.LocalLoader;
import org.jboss.modules.Resource;

/**
 * Loads the classes of a fixed set of packages from a host class loader, and nothing else:
 * the gate through which an API module reaches host classes. Host resources are not exposed.
 */
final class HostPackageLoader implements LocalLoader {

    private final ClassLoader host;
    private final Set<String> packages;

    HostPackageLoader(ClassLoader host, Set<String> packages) {
        this.host = host;
        this.packages = Set.copyOf(packages);
    }

    @Override
    public Class<?> loadClassLocal(String name, boolean resolve) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !packages.contains(name.substring(0, dot))) {
            return null;
        }
        try {
            return Class.forName(name, false, host);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    @Override
    public Package loadPackageLocal(String name) {
        return packages.contains(name) ? host.getDefinedPackage(name) : null;
    }

    @Override
    public List<Resource> loadResourceLocal(String name) {
        return List.of();
    }
}
