package dev.tern.hotload.management;

import java.util.List;

/**
 * The module manager, as {@code tern:type=Modules}. Operations return the module's view after
 * the change; a failure raises an {@link IllegalStateException} whose message states what went
 * wrong and which version runs.
 */
public interface ModulesMXBean {

    List<ModuleView> list();

    /**
     * Returns the module versions in the repository as {@code <name>/<version>}, sorted by name
     * and then by version: the paths {@link #install} accepts and, for an installed module, the
     * versions {@link #upgrade} can go to.
     */
    List<String> available();

    /** Installs the version at repository path {@code <name>/<version>}. */
    ModuleView install(String path);

    ModuleView start(String name);

    ModuleView stop(String name);

    ModuleView upgrade(String name, String version);

    ModuleView rollback(String name);
}
