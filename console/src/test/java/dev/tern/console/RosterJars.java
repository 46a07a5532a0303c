package dev.tern.console;

import dev.tern.mod.roster.RosterModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Lays out the roster module in a module repository under a version of the test's choosing,
 * {@code <repository>/roster/<version>/roster-<version>.jar}, so that a test can upgrade from one
 * version to another. The code comes from where the class path has it: the jar Maven built, or
 * its classes folder. A version may get another entry class, so that clients can tell it apart.
 */
final class RosterJars {

    private static final String DESCRIPTOR = "META-INF/tern-module.properties";

    private RosterJars() {
    }

    static void add(Path repository, String version) throws IOException {
        add(repository, version, descriptor -> descriptor, null);
    }

    /**
     * Adds the roster module under {@code version} with {@code entryClass} copied into the jar and
     * named as the entry class in its descriptor. Only the class file of {@code entryClass} itself
     * is copied, so it must be a top-level class without nested, local or anonymous classes.
     */
    static void addWithEntry(Path repository, String version, Class<?> entryClass) throws IOException {
        add(repository, version,
                descriptor -> descriptor.replaceFirst("(?m)^entry=.*$", "entry=" + entryClass.getName()), entryClass);
    }

    private static void add(Path repository, String version, UnaryOperator<String> editDescriptor,
            Class<?> extraClass) throws IOException {
        Path directory = Files.createDirectories(repository.resolve("roster").resolve(version));
        Path artifact = artifact();
        UnaryOperator<String> edit = descriptor -> editDescriptor.apply(
                descriptor.replaceFirst("(?m)^version=.*$", "version=" + version));
        try (OutputStream file = Files.newOutputStream(directory.resolve("roster-" + version + ".jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            if (Files.isDirectory(artifact)) {
                copyFolder(artifact, jar, edit);
            } else {
                copyJar(artifact, jar, edit);
            }
            if (extraClass != null) {
                String name = extraClass.getName().replace('.', '/') + ".class";
                try (InputStream in = extraClass.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("Class file '" + name
                                + "' not found on the test class path; compile the test classes first");
                    }
                    write(jar, name, in.readAllBytes(), edit);
                }
            }
        }
    }

    private static void copyFolder(Path classes, JarOutputStream jar, UnaryOperator<String> editDescriptor)
            throws IOException {
        try (Stream<Path> tree = Files.walk(classes)) {
            for (Path path : tree.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(path).toString().replace('\\', '/');
                write(jar, name, Files.readAllBytes(path), editDescriptor);
            }
        }
    }

    private static void copyJar(Path source, JarOutputStream jar, UnaryOperator<String> editDescriptor)
            throws IOException {
        try (JarFile input = new JarFile(source.toFile())) {
            Enumeration<JarEntry> entries = input.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = input.getInputStream(entry)) {
                    write(jar, entry.getName(), in.readAllBytes(), editDescriptor);
                }
            }
        }
    }

    private static void write(JarOutputStream jar, String name, byte[] content, UnaryOperator<String> editDescriptor)
            throws IOException {
        byte[] bytes = content;
        if (name.equals(DESCRIPTOR)) {
            String descriptor = editDescriptor.apply(new String(content, StandardCharsets.UTF_8));
            bytes = descriptor.getBytes(StandardCharsets.UTF_8);
        }
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }

    private static Path artifact() throws IOException {
        try {
            return Path.of(RosterModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate the roster module's classes", e);
        }
    }
}
