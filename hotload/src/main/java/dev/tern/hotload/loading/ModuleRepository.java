package dev.tern.hotload.loading;

import dev.tern.hotload.descriptor.DescriptorException;
import dev.tern.hotload.descriptor.DescriptorParser;
import dev.tern.hotload.descriptor.ModuleDescriptor;
import dev.tern.hotload.descriptor.ModuleVersions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Module versions on disk, several of each module side by side:
 *
 * <pre>
 * &lt;root&gt;/&lt;name&gt;/&lt;version&gt;/&lt;any&gt;.jar              the module jar, exactly one
 * &lt;root&gt;/&lt;name&gt;/&lt;version&gt;/lib/*.jar            private libraries (optional)
 * &lt;root&gt;/&lt;name&gt;/&lt;version&gt;/tern-module.properties   the descriptor, when the jar has none
 * </pre>
 *
 * The descriptor normally sits inside the jar at {@value DescriptorParser#PATH_IN_JAR}.
 */
public final class ModuleRepository {

    /** The name of a descriptor beside the jar. */
    public static final String DESCRIPTOR_BESIDE_JAR = "tern-module.properties";

    private final Path root;

    public ModuleRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Reads the module version at {@code <root>/<name>/<version>}.
     *
     * @throws DescriptorException when the name or version is invalid, the directory or jar is
     *                             missing, or the descriptor is missing, invalid or names
     *                             another module or version than its directory
     * @throws IOException         when reading fails
     */
    public ModuleArtifact locate(String name, String version) throws IOException {
        ModuleVersions.requireName(name);
        ModuleVersions.parse(version);
        Path directory = root.resolve(name).resolve(version).normalize();
        if (!directory.startsWith(root) || !Files.isDirectory(directory)) {
            throw new DescriptorException("Module " + name + "@" + version + " is not in the repository: no directory "
                    + directory + "; copy the module's jar there first");
        }
        Path jar = moduleJar(directory);
        List<Path> libraries = jars(directory.resolve("lib"));
        ModuleDescriptor descriptor = readDescriptor(directory, jar);
        if (!descriptor.name().equals(name) || !descriptor.version().equals(version)) {
            throw new DescriptorException("The descriptor of " + jar + " declares " + descriptor.coordinates()
                    + ", but the jar sits in the directory of " + name + "@" + version + "; move it or fix the descriptor");
        }
        return new ModuleArtifact(directory, jar, libraries, descriptor);
    }

    /** Returns the versions of {@code name} present in the repository, in no particular order. */
    public List<String> versions(String name) throws IOException {
        Path directory = root.resolve(ModuleVersions.requireName(name));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(Files::isDirectory).map(path -> path.getFileName().toString()).toList();
        }
    }

    /**
     * Splits a repository path {@code <name>/<version>} into its two parts.
     *
     * @throws DescriptorException when the path has another shape or invalid parts
     */
    public static String[] parsePath(String path) {
        String[] parts = path.strip().split("/");
        if (parts.length != 2) {
            throw new DescriptorException("Invalid repository path '" + path + "': write <name>/<version>, for example echo/1.0.0");
        }
        ModuleVersions.requireName(parts[0]);
        ModuleVersions.parse(parts[1]);
        return parts;
    }

    private static Path moduleJar(Path directory) throws IOException {
        List<Path> jars = jars(directory);
        if (jars.size() != 1) {
            throw new DescriptorException("Directory " + directory + " must contain exactly one module jar, found "
                    + jars.size() + "; put private libraries under lib/");
        }
        return jars.getFirst();
    }

    private static List<Path> jars(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            List<Path> jars = new ArrayList<>(children
                    .filter(path -> Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar"))
                    .toList());
            jars.sort(null);
            return jars;
        }
    }

    private static ModuleDescriptor readDescriptor(Path directory, Path jar) throws IOException {
        Path beside = directory.resolve(DESCRIPTOR_BESIDE_JAR);
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry(DescriptorParser.PATH_IN_JAR);
            if (entry != null) {
                if (Files.exists(beside)) {
                    throw new DescriptorException("Module jar " + jar + " contains a descriptor and " + beside
                            + " exists too; remove one of them");
                }
                try (InputStream input = file.getInputStream(entry)) {
                    return DescriptorParser.parse(input, jar + "!/" + DescriptorParser.PATH_IN_JAR);
                }
            }
        }
        try (InputStream input = Files.newInputStream(beside)) {
            return DescriptorParser.parse(input, beside.toString());
        } catch (NoSuchFileException e) {
            throw new DescriptorException("Module jar " + jar + " has no " + DescriptorParser.PATH_IN_JAR + " and there is no "
                    + beside + "; add a descriptor", e);
        }
    }
}
