package dev.tern.hotload.loading;

import dev.tern.hotload.descriptor.DescriptorException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The class loader of one module version, and the jar files behind it. Dropping every
 * reference to it, to its loader and to objects of its classes lets the JVM unload the version.
 */
public final class LoadedCode implements AutoCloseable {

    private final ModuleArtifact artifact;
    private final ClassLoader classLoader;
    private final RepositoryModuleFinder finder;

    LoadedCode(ModuleArtifact artifact, ClassLoader classLoader, RepositoryModuleFinder finder) {
        this.artifact = artifact;
        this.classLoader = classLoader;
        this.finder = finder;
    }

    public ModuleArtifact artifact() {
        return artifact;
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    /**
     * Loads and instantiates the entry class named by the descriptor, through its public
     * no-argument constructor, with this version's loader as context class loader.
     *
     * @throws DescriptorException when the class is missing, does not implement
     *                             {@code entryType}, or has no public no-argument constructor
     * @throws Exception           what the constructor threw
     */
    public <E> E instantiateEntry(Class<E> entryType) throws Exception {
        String entryName = artifact.descriptor().entryClass();
        String coordinates = artifact.descriptor().coordinates();
        Class<?> entryClass;
        try {
            entryClass = Class.forName(entryName, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DescriptorException("Entry class '" + entryName + "' of module " + coordinates
                    + " cannot be loaded: " + e, e);
        }
        if (!entryType.isAssignableFrom(entryClass)) {
            throw new DescriptorException(notAnEntry(entryClass, entryType, coordinates));
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            return entryType.cast(entryClass.getConstructor().newInstance());
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new DescriptorException("Entry class '" + entryName + "' of module " + coordinates
                    + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String notAnEntry(Class<?> entryClass, Class<?> entryType, String coordinates) {
        boolean ownCopy = Arrays.stream(entryClass.getInterfaces())
                .anyMatch(type -> type.getName().equals(entryType.getName()));
        String message = "Entry class '" + entryClass.getName() + "' of module " + coordinates + " does not implement "
                + entryType.getName();
        return ownCopy
                ? message + " from the host: it implements a copy packaged in the module; remove the API classes from the module jar"
                : message + "; implement it, or name the right class in the descriptor's entry key";
    }

    /** Closes the jar files; the loader stays usable for classes it already loaded. */
    @Override
    public void close() {
        finder.close();
    }
}
