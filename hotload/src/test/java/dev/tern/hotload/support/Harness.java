package dev.tern.hotload.support;

import dev.tern.hotload.ModuleManager;
import dev.tern.hotload.testapi.Route;
import dev.tern.kernel.Kernel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A kernel, a toy repository, the test host and a module manager over them. */
public final class Harness implements AutoCloseable {

    public final Kernel kernel;
    public final ToyRepository repository;
    public final TestHost host;
    public final ModuleManager<Route> manager;

    private Harness(Kernel kernel, ToyRepository repository, TestHost host, ModuleManager<Route> manager) {
        this.kernel = kernel;
        this.repository = repository;
        this.host = host;
        this.manager = manager;
    }

    public static Harness create(Path directory) throws IOException {
        return create(directory, builder -> { });
    }

    public static Harness create(Path directory, Consumer<ModuleManager.Builder<Route>> customize) throws IOException {
        return create(new ToyRepository(directory), customize);
    }

    /** Creates a harness over an existing repository, so several tests can share compiled toys. */
    public static Harness create(ToyRepository repository, Consumer<ModuleManager.Builder<Route>> customize) {
        Kernel kernel = Kernel.builder().name("hotload-test").build();
        TestHost host = new TestHost();
        ModuleManager.Builder<Route> builder = ModuleManager.<Route>builder(kernel, repository.root())
                .apiModule(TestHost.apiModule())
                .sink(host);
        customize.accept(builder);
        ModuleManager<Route> manager = builder.build();
        host.attach(manager.gate());
        return new Harness(kernel, repository, host, manager);
    }

    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            kernel.close();
        }
    }
}
