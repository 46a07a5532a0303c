package dev.tern.sint;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.igniterealtime.smack.inttest.AbstractSmackIntTest;
import org.igniterealtime.smack.inttest.AbstractSmackLowLevelIntegrationTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.annotations.SmackIntegrationTest;

/**
 * Every test method in the smack-integration-test jar, found the way the framework finds them:
 * concrete subclasses of {@link AbstractSmackIntTest} and their public methods annotated with
 * {@link SmackIntegrationTest}. The framework reports only the tests it ran; this list lets
 * the report name the others too.
 */
final class SintCatalog {

    private static final List<String> TEST_PACKAGE_FOLDERS = List.of("org/jivesoftware/", "org/igniterealtime/");

    private final List<SintTest> tests;

    private SintCatalog(List<SintTest> tests) {
        this.tests = tests;
    }

    /** Scans the jar that contains {@link SmackIntegrationTestFramework}. */
    static SintCatalog load() throws IOException {
        Path jar = frameworkJar();
        ClassLoader loader = SintCatalog.class.getClassLoader();
        List<SintTest> tests = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (isTopLevelClassInTestPackage(name)) {
                    String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    tests.addAll(testsOf(loadClass(className, loader)));
                }
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalStateException("No Smack integration test methods found in '" + jar
                    + "'; check that the dependency is the smack-integration-test jar");
        }
        Collections.sort(tests);
        return new SintCatalog(List.copyOf(tests));
    }

    List<SintTest> tests() {
        return tests;
    }

    private static Path frameworkJar() {
        try {
            return Path.of(SmackIntegrationTestFramework.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The location of the smack-integration-test jar is not a file path", e);
        }
    }

    private static boolean isTopLevelClassInTestPackage(String entryName) {
        return entryName.endsWith(".class") && !entryName.contains("$")
                && TEST_PACKAGE_FOLDERS.stream().anyMatch(entryName::startsWith);
    }

    private static Class<?> loadClass(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Class '" + className + "' is listed in the jar but cannot be loaded", e);
        }
    }

    private static List<SintTest> testsOf(Class<?> type) {
        if (!AbstractSmackIntTest.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
            return List.of();
        }
        boolean lowLevel = AbstractSmackLowLevelIntegrationTest.class.isAssignableFrom(type);
        List<SintTest> tests = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(SmackIntegrationTest.class)) {
                tests.add(new SintTest(type.getName(), method.getDeclaringClass().getName(), method.getName(),
                        lowLevel));
            }
        }
        return tests;
    }
}
