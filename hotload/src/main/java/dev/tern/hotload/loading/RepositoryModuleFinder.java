package dev.tern.hotload.loading;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.jboss.modules.DependencySpec;
import org.jboss.modules.ModuleDependencySpecBuilder;
import org.jboss.modules.ModuleFinder;
import org.jboss.modules.ModuleLoadException;
import org.jboss.modules.ModuleLoader;
import org.jboss.modules.ModuleSpec;
import org.jboss.modules.ResourceLoader;
import org.jboss.modules.ResourceLoaderSpec;
import org.jboss.modules.ResourceLoaders;
import org.jboss.modules.Version;

/**
 * Finds exactly one module version of the repository. Its class loader sees, in this order:
 * Java SE, the API modules its descriptor names, and its own jar and private libraries.
 * Nothing else: no other module, no host class outside an API module's packages.
 *
 * <p>The finder owns the open jar files; {@link #close} releases them once the version's
 * classes are no longer needed.
 */
final class RepositoryModuleFinder implements ModuleFinder, AutoCloseable {

    private final ModuleArtifact artifact;
    private final ModuleLoader apiLoader;
    private final ModuleLoader jdkLoader;
    private final List<ResourceLoader> resourceLoaders = new ArrayList<>();

    RepositoryModuleFinder(ModuleArtifact artifact, ModuleLoader apiLoader, ModuleLoader jdkLoader) {
        this.artifact = artifact;
        this.apiLoader = apiLoader;
        this.jdkLoader = jdkLoader;
    }

    @Override
    public ModuleSpec findModule(String name, ModuleLoader delegateLoader) throws ModuleLoadException {
        if (!name.equals(artifact.moduleId())) {
            return null;
        }
        ModuleSpec.Builder builder = ModuleSpec.build(name);
        builder.setVersion(Version.parse(artifact.descriptor().version()));
        builder.addDependency(new ModuleDependencySpecBuilder()
                .setModuleLoader(jdkLoader)
                .setName(CodeLoader.JAVA_SE)
                .build());
        for (String api : artifact.descriptor().apis().keySet()) {
            builder.addDependency(new ModuleDependencySpecBuilder()
                    .setModuleLoader(apiLoader)
                    .setName(api)
                    .build());
        }
        builder.addResourceRoot(ResourceLoaderSpec.createResourceLoaderSpec(open(artifact.jar())));
        for (Path library : artifact.libraries()) {
            builder.addResourceRoot(ResourceLoaderSpec.createResourceLoaderSpec(open(library)));
        }
        builder.addDependency(DependencySpec.createLocalDependencySpec());
        return builder.create();
    }

    private ResourceLoader open(Path jar) throws ModuleLoadException {
        try {
            ResourceLoader loader = ResourceLoaders.createJarResourceLoader(new JarFile(jar.toFile()));
            resourceLoaders.add(loader);
            return loader;
        } catch (IOException e) {
            throw new ModuleLoadException("Cannot open " + jar + " of module " + artifact.moduleId() + ": " + e.getMessage(), e);
        }
    }

    /** Closes the jar files; classes already loaded stay usable. */
    @Override
    public void close() {
        resourceLoaders.forEach(ResourceLoader::close);
        resourceLoaders.clear();
    }

    @Override
    public String toString() {
        return "repository finder for " + artifact.moduleId();
    }
}
