package dev.tern.hotload.loading;

import dev.tern.hotload.descriptor.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One module version as laid out in the repository.
 *
 * @param directory  {@code <repository>/<name>/<version>}
 * @param jar        the module's own jar
 * @param libraries  private libraries under {@code lib/}, visible to this module only
 * @param descriptor the parsed descriptor
 */
public record ModuleArtifact(Path directory, Path jar, List<Path> libraries, ModuleDescriptor descriptor) {

    public ModuleArtifact {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(jar, "jar");
        libraries = List.copyOf(libraries);
        Objects.requireNonNull(descriptor, "descriptor");
    }

    /** Returns the JBoss module name of this version, {@code <name>@<version>}. */
    public String moduleId() {
        return descriptor.coordinates();
    }
}
