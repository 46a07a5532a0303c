package dev.tern.hotload.support;

import dev.tern.hotload.api.ModuleEntry;
import dev.tern.hotload.testapi.Route;
import dev.tern.kernel.GenServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.slf4j.LoggerFactory;

/**
 * Builds toy module versions inside a test: compiles Java sources with the JDK's compiler
 * against the kernel, hotload and test API classes only, jars them with a descriptor and lays
 * them out as {@code <root>/<name>/<version>/<name>-<version>.jar}.
 */
public final class ToyRepository {

    /** The API lines every toy descriptor carries. */
    public static final String DEFAULT_APIS = """
            api.tern.kernel=[0.1,1)
            api.tern.hotload=[0.1,1)
            api.tern.test=[1.0,2.0)
            """;

    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();

    private final Path root;
    private final Path work;

    public ToyRepository(Path directory) throws IOException {
        this.root = Files.createDirectories(directory.resolve("repository"));
        this.work = Files.createDirectories(directory.resolve("build"));
    }

    public Path root() {
        return root;
    }

    /** Builds a module version whose descriptor has the default APIs plus {@code extraDescriptor}. */
    public void add(String name, String version, String entryClass, Map<String, String> sources, String extraDescriptor)
            throws IOException {
        String descriptor = "name=" + name + "\nversion=" + version + "\nentry=" + entryClass + "\n" + DEFAULT_APIS
                + extraDescriptor;
        addWithDescriptor(name, version, sources, List.of(), descriptor);
    }

    /**
     * Builds a module version from {@code sources} and an exact descriptor text, compiled
     * against {@code libraries} (class directories) as well.
     */
    public void addWithDescriptor(String name, String version, Map<String, String> sources, List<Path> libraries,
            String descriptor) throws IOException {
        Path classes = compile(name + "-" + version, sources, libraries);
        Path directory = Files.createDirectories(root.resolve(name).resolve(version));
        jar(classes, directory.resolve(name + "-" + version + ".jar"), descriptor);
    }

    /** Compiles a private library and puts its jar under {@code lib/}; returns its classes for compiling the module. */
    public Path addLibrary(String name, String version, String library, Map<String, String> sources) throws IOException {
        Path classes = compile(name + "-" + version + "-" + library, sources, List.of());
        Path lib = Files.createDirectories(root.resolve(name).resolve(version).resolve("lib"));
        jar(classes, lib.resolve(library + ".jar"), null);
        return classes;
    }

    private Path compile(String unit, Map<String, String> sources, List<Path> libraries) throws IOException {
        Path output = Files.createDirectories(work.resolve(unit));
        List<Path> classpath = new ArrayList<>(List.of(location(GenServer.class), location(ModuleEntry.class),
                location(Route.class), location(LoggerFactory.class)));
        classpath.addAll(libraries);
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(source -> (JavaFileObject) new Source(source.getKey(), source.getValue()))
                .toList();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = COMPILER.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "25", "-proc:none", "-d", output.toString(), "-classpath",
                    classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            boolean compiled = COMPILER.getTask(null, files, diagnostics, options, null, units).call();
            if (!compiled) {
                throw new AssertionError("Toy module " + unit + " does not compile: " + diagnostics.getDiagnostics());
            }
        }
        return output;
    }

    private static void jar(Path classes, Path jarFile, String descriptor) throws IOException {
        try (OutputStream file = Files.newOutputStream(jarFile);
                JarOutputStream jar = new JarOutputStream(file);
                Stream<Path> tree = Files.walk(classes)) {
            if (descriptor != null) {
                jar.putNextEntry(new JarEntry("META-INF/tern-module.properties"));
                jar.write(descriptor.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            for (Path path : tree.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(path));
                jar.closeEntry();
            }
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("Cannot locate the classes of " + type, e));
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
