package dev.tern.hotload.loading;

import dev.tern.hotload.ApiModule;
import dev.tern.hotload.descriptor.DescriptorException;
import dev.tern.hotload.descriptor.ModuleDescriptor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.modules.JDKModuleFinder;
import org.jboss.modules.Module;
import org.jboss.modules.ModuleLoadException;
import org.jboss.modules.ModuleLoader;

/**
 * Creates one JBoss {@link ModuleLoader} per module version, so each version gets its own
 * class loader and becomes collectable once nothing refers to its classes. The API modules
 * and the JDK live in loaders shared by all versions.
 */
public final class CodeLoader {

    /** The JDK aggregator module every module version depends on. */
    static final String JAVA_SE = "java.se";

    private final Map<String, ApiModule> apis;
    private final ModuleLoader apiLoader;
    private final ModuleLoader jdkLoader;

    public CodeLoader(Collection<ApiModule> apiModules) {
        Map<String, ApiModule> byName = new LinkedHashMap<>();
        for (ApiModule api : apiModules) {
            if (byName.putIfAbsent(api.name(), api) != null) {
                throw new IllegalArgumentException("API module '" + api.name() + "' is given twice; give each name once");
            }
        }
        this.apis = Map.copyOf(byName);
        this.apiLoader = new ModuleLoader(new ApiModuleFinder(byName));
        this.jdkLoader = new ModuleLoader(JDKModuleFinder.getInstance());
    }

    /** Returns the host's API modules by name. */
    public Map<String, ApiModule> apis() {
        return apis;
    }

    /**
     * Creates the class loader of {@code artifact}.
     *
     * @throws DescriptorException when the descriptor names an API module the host lacks or
     *                             whose version is outside the accepted range
     * @throws ModuleLoadException when JBoss Modules cannot define the module
     */
    public LoadedCode load(ModuleArtifact artifact) throws ModuleLoadException {
        checkApis(artifact.descriptor());
        RepositoryModuleFinder finder = new RepositoryModuleFinder(artifact, apiLoader, jdkLoader);
        try {
            ModuleLoader loader = new ModuleLoader(finder);
            Module module = loader.loadModule(artifact.moduleId());
            return new LoadedCode(artifact, module.getClassLoader(), finder);
        } catch (ModuleLoadException | RuntimeException e) {
            finder.close();
            throw e;
        }
    }

    private void checkApis(ModuleDescriptor descriptor) {
        descriptor.apis().forEach((name, range) -> {
            ApiModule api = apis.get(name);
            if (api == null) {
                throw new DescriptorException("Module " + descriptor.coordinates() + " needs API module '" + name
                        + "', which this host does not provide; provided: " + apis.keySet());
            }
            if (!range.includes(api.version())) {
                throw new DescriptorException("Module " + descriptor.coordinates() + " needs API module '" + name + "' "
                        + range + ", but this host provides version " + api.version());
            }
        });
    }
}
