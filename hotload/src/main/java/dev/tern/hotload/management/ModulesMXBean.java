package dev.tern.hotload.management;

import java.util.List;

/**
 * The module manager, as {@code tern:type=Modules}. Operations return the module's view after
 * the change; a failure raises an {@link IllegalStateException} whose message states what went
 * wrong and which version runs.
 */
public interface ModulesMXBean {

    List<ModuleView> list();

    /** Installs the version at repository path {@code <name>/<version>}. */
    ModuleView install(String path);

    ModuleView start(String name);

    ModuleView stop(String name);

    ModuleView upgrade(String name, String version);

    ModuleView rollback(String name);
}
