package dev.tern.hotload.loading;

import dev.tern.hotload.ApiModule;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.modules.LocalDependencySpecBuilder;
import org.jboss.modules.ModuleFinder;
import org.jboss.modules.ModuleLoader;
import org.jboss.modules.ModuleSpec;
import org.jboss.modules.Version;

/** Publishes the host's {@link ApiModule}s as JBoss modules that export exactly their packages. */
final class ApiModuleFinder implements ModuleFinder {

    private final Map<String, ApiModule> apis;

    ApiModuleFinder(Map<String, ApiModule> apis) {
        this.apis = Map.copyOf(apis);
    }

    @Override
    public ModuleSpec findModule(String name, ModuleLoader delegateLoader) {
        ApiModule api = apis.get(name);
        if (api == null) {
            return null;
        }
        Set<String> paths = api.packages().stream().map(pkg -> pkg.replace('.', '/')).collect(Collectors.toSet());
        ModuleSpec.Builder builder = ModuleSpec.build(name);
        builder.setVersion(Version.parse(api.version()));
        builder.addDependency(new LocalDependencySpecBuilder()
                .setLocalLoader(new HostPackageLoader(api.classLoader(), api.packages()))
                .setLoaderPaths(paths)
                .setExport(true)
                .build());
        return builder.create();
    }

    @Override
    public String toString() {
        return "host API modules " + apis.keySet();
    }
}
