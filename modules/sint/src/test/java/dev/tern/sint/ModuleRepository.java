package dev.tern.sint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Lays out the feature modules on the test class path in a module repository, as
 * {@code <root>/<name>/<version>/<name>-<version>.jar}, where the server loads them from as it
 * does in the distribution. A feature module is a jar or classes folder with the descriptor
 * {@value #DESCRIPTOR}, which names the module and its version.
 */
final class ModuleRepository {

    static final String DESCRIPTOR = "META-INF/tern-module.properties";

    private ModuleRepository() {
    }

    /** Installs every feature module on the class path in {@code root} and returns their names, sorted. */
    static List<String> installAll(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        for (URL descriptor : Collections.list(ModuleRepository.class.getClassLoader().getResources(DESCRIPTOR))) {
            Properties properties = new Properties();
            try (InputStream input = descriptor.openStream()) {
                properties.load(input);
            }
            String name = requiredProperty(properties, "name", descriptor);
            String version = requiredProperty(properties, "version", descriptor);
            Path jar = Files.createDirectories(root.resolve(name).resolve(version)).resolve(name + "-" + version + ".jar");
            copyAsJar(artifactOf(descriptor), jar);
            names.add(name);
        }
        Collections.sort(names);
        return List.copyOf(names);
    }

    private static String requiredProperty(Properties properties, String key, URL descriptor) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("Module descriptor '" + descriptor + "' has no valid '" + key + "' (got '"
                    + value + "'); build the module with Maven so that its resources are filtered");
        }
        return value;
    }

    /** Returns the jar or classes folder that contains {@code descriptor}. */
    private static Path artifactOf(URL descriptor) throws IOException {
        try {
            if (descriptor.getProtocol().equals("jar")) {
                return Path.of(((JarURLConnection) descriptor.openConnection()).getJarFileURL().toURI());
            }
            Path file = Path.of(descriptor.toURI());
            return file.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Module descriptor '" + descriptor + "' is not at a file path", e);
        }
    }

    private static void copyAsJar(Path artifact, Path jar) throws IOException {
        if (Files.isRegularFile(artifact)) {
            Files.copy(artifact, jar);
            return;
        }
        // A reactor build before the package phase puts the module's classes folder on the class path.
        try (Stream<Path> tree = Files.walk(artifact);
                OutputStream file = Files.newOutputStream(jar);
                JarOutputStream output = new JarOutputStream(file)) {
            for (Path entry : tree.filter(Files::isRegularFile).sorted().toList()) {
                output.putNextEntry(new JarEntry(artifact.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, output);
                output.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
