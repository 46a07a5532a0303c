package dev.tern.hotload.management;

import dev.tern.hotload.ModuleException;
import dev.tern.hotload.ModuleManager;
import dev.tern.hotload.descriptor.DescriptorException;
import dev.tern.hotload.descriptor.ModuleVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.function.Supplier;

/**
 * Implements {@link ModulesMXBean} over a manager. Failures cross JMX as
 * {@link IllegalStateException}s carrying the message only, because a remote client may lack
 * the classes of the original exception and its causes.
 */
final class ModulesBean implements ModulesMXBean {

    private final ModuleManager<?> manager;

    ModulesBean(ModuleManager<?> manager) {
        this.manager = manager;
    }

    @Override
    public List<ModuleView> list() {
        return manager.list().stream().map(ModuleView::of).toList();
    }

    @Override
    public List<String> available() {
        Path root = manager.repository().root();
        List<String> paths = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            List<String> names = children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(ModulesBean::isModuleName)
                    .sorted()
                    .toList();
            for (String name : names) {
                manager.repository().versions(name).stream()
                        .filter(ModulesBean::isVersion)
                        .sorted(Comparator.comparing(ModuleVersions::parse))
                        .forEach(version -> paths.add(name + "/" + version));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Listing the module repository '" + root + "' failed: " + e);
        }
        return paths;
    }

    // Folders with other names are not module versions, whatever else sits in the repository.
    private static boolean isModuleName(String name) {
        try {
            ModuleVersions.requireName(name);
            return true;
        } catch (DescriptorException e) {
            return false;
        }
    }

    private static boolean isVersion(String version) {
        try {
            ModuleVersions.parse(version);
            return true;
        } catch (DescriptorException e) {
            return false;
        }
    }

    @Override
    public ModuleView install(String path) {
        return run(() -> manager.install(path));
    }

    @Override
    public ModuleView start(String name) {
        return run(() -> manager.start(name));
    }

    @Override
    public ModuleView stop(String name) {
        return run(() -> manager.stop(name));
    }

    @Override
    public ModuleView upgrade(String name, String version) {
        return run(() -> manager.upgrade(name, version));
    }

    @Override
    public ModuleView rollback(String name) {
        return run(() -> manager.rollback(name));
    }

    private static ModuleView run(Supplier<dev.tern.hotload.ModuleInfo> operation) {
        try {
            return ModuleView.of(operation.get());
        } catch (ModuleException | DescriptorException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
