package dev.tern.server.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Lays out module jars in a module repository, {@code <root>/<name>/<version>/<name>-<version>.jar},
 * for tests that load modules through the module manager as the distribution does. A module's
 * code comes from where the test class path has it: the jar Maven built, or its classes folder
 * when the build has not packaged it yet.
 */
public final class ModuleJars {

    /** Where a module jar keeps its descriptor. */
    public static final String DESCRIPTOR = "META-INF/tern-module.properties";

    private ModuleJars() {
    }

    /** Returns the jar or classes folder that {@code type} was loaded from. */
    public static Path artifactOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + type.getName(), e);
        }
    }

    /**
     * Installs the module whose code contains {@code entryType} as its descriptor declares it,
     * and returns the version.
     */
    public static String install(Path root, Class<?> entryType) {
        Map<String, byte[]> entries = read(artifactOf(entryType));
        Properties descriptor = descriptor(entries);
        write(root, descriptor.getProperty("name"), descriptor.getProperty("version"), entries);
        return descriptor.getProperty("version");
    }

    /**
     * Installs the module whose code contains {@code entryType} under {@code version}, with the
     * classes {@code extraClasses} (and their nested classes) added from the test class path and
     * the descriptor changed by {@code edit} after its version was set.
     */
    public static void installVariant(Path root, Class<?> entryType, String version, List<Class<?>> extraClasses,
            UnaryOperator<Properties> edit) {
        Map<String, byte[]> entries = read(artifactOf(entryType));
        for (Class<?> extra : extraClasses) {
            entries.putAll(classFiles(extra));
        }
        Properties descriptor = descriptor(entries);
        descriptor.setProperty("version", version);
        Properties edited = edit.apply(descriptor);
        entries.put(DESCRIPTOR, store(edited));
        write(root, edited.getProperty("name"), version, entries);
    }

    /** Installs a module made of {@code classes} (and their nested classes) with the descriptor {@code descriptor}. */
    public static void installClasses(Path root, Properties descriptor, List<Class<?>> classes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(DESCRIPTOR, store(descriptor));
        for (Class<?> type : classes) {
            entries.putAll(classFiles(type));
        }
        write(root, descriptor.getProperty("name"), descriptor.getProperty("version"), entries);
    }

    /** Returns the class files of {@code type} and of its nested and anonymous classes, by jar entry name. */
    private static Map<String, byte[]> classFiles(Class<?> type) {
        Path root = artifactOf(type);
        String path = type.getName().replace('.', '/');
        Path directory = root.resolve(path).getParent();
        String simple = path.substring(path.lastIndexOf('/') + 1);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> children = Files.list(directory)) {
            for (Path file : children.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals(simple + ".class") || name.startsWith(simple + "$")) {
                    files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the class files of " + type.getName() + " from " + directory
                    + " failed", e);
        }
        return files;
    }

    private static Map<String, byte[]> read(Path artifact) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            if (Files.isDirectory(artifact)) {
                try (Stream<Path> tree = Files.walk(artifact)) {
                    for (Path file : tree.filter(Files::isRegularFile).sorted().toList()) {
                        entries.put(artifact.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(artifact.toFile())) {
                    for (JarEntry entry : jar.stream().filter(entry -> !entry.isDirectory()).toList()) {
                        try (InputStream input = jar.getInputStream(entry)) {
                            entries.put(entry.getName(), input.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading module code from " + artifact + " failed", e);
        }
        return entries;
    }

    private static Properties descriptor(Map<String, byte[]> entries) {
        byte[] bytes = entries.get(DESCRIPTOR);
        if (bytes == null) {
            throw new IllegalStateException("The module code has no " + DESCRIPTOR + "; build the module first");
        }
        Properties properties = new Properties();
        try {
            properties.load(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static byte[] store(Properties descriptor) {
        StringBuilder text = new StringBuilder();
        descriptor.stringPropertyNames().stream().sorted()
                .forEach(key -> text.append(key).append('=').append(descriptor.getProperty(key)).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Path root, String name, String version, Map<String, byte[]> entries) {
        try {
            Path directory = Files.createDirectories(root.resolve(name).resolve(version));
            try (OutputStream file = Files.newOutputStream(directory.resolve(name + "-" + version + ".jar"));
                    JarOutputStream jar = new JarOutputStream(file)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    if (entry.getKey().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    jar.putNextEntry(new JarEntry(entry.getKey()));
                    jar.write(entry.getValue());
                    jar.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing module " + name + "@" + version + " to " + root + " failed", e);
        }
    }
}
