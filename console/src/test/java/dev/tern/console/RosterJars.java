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
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Lays out the roster module in a module repository under a version of the test's choosing,
 * {@code <repository>/roster/<version>/roster-<version>.jar}, so that a test can upgrade from one
 * version to another. The code comes from where the class path has it: the jar Maven built, or
 * its classes folder.
 */
final class RosterJars {

    private static final String DESCRIPTOR = "META-INF/tern-module.properties";

    private RosterJars() {
    }

    static void add(Path repository, String version) throws IOException {
        Path directory = Files.createDirectories(repository.resolve("roster").resolve(version));
        Path artifact = artifact();
        try (OutputStream file = Files.newOutputStream(directory.resolve("roster-" + version + ".jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            if (Files.isDirectory(artifact)) {
                copyFolder(artifact, jar, version);
            } else {
                copyJar(artifact, jar, version);
            }
        }
    }

    private static void copyFolder(Path classes, JarOutputStream jar, String version) throws IOException {
        try (Stream<Path> tree = Files.walk(classes)) {
            for (Path path : tree.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(path).toString().replace('\\', '/');
                write(jar, name, Files.readAllBytes(path), version);
            }
        }
    }

    private static void copyJar(Path source, JarOutputStream jar, String version) throws IOException {
        try (JarFile input = new JarFile(source.toFile())) {
            Enumeration<JarEntry> entries = input.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = input.getInputStream(entry)) {
                    write(jar, entry.getName(), in.readAllBytes(), version);
                }
            }
        }
    }

    private static void write(JarOutputStream jar, String name, byte[] content, String version) throws IOException {
        byte[] bytes = content;
        if (name.equals(DESCRIPTOR)) {
            String descriptor = new String(content, StandardCharsets.UTF_8)
                    .replaceFirst("(?m)^version=.*$", "version=" + version);
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
