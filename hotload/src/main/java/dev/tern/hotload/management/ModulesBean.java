package dev.tern.hotload.management;

import dev.tern.hotload.ModuleException;
import dev.tern.hotload.ModuleManager;
import dev.tern.hotload.descriptor.DescriptorException;
import java.util.List;
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
