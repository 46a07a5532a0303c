package dev.tern.hotload.management;

import dev.tern.hotload.ModuleManager;
import java.util.List;

/** Implements {@link ModuleMXBean} by reading the manager's current view of one module. */
final class ModuleBean implements ModuleMXBean {

    private final ModuleManager<?> manager;
    private final String name;

    ModuleBean(ModuleManager<?> manager, String name) {
        this.manager = manager;
        this.name = name;
    }

    private ModuleView view() {
        return manager.info(name).map(ModuleView::of).orElseThrow(() -> new IllegalStateException(
                "Module '" + name + "' is no longer installed"));
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getVersion() {
        return view().version();
    }

    @Override
    public String getState() {
        return view().state();
    }

    @Override
    public List<String> getRegistrations() {
        return view().registrations();
    }

    @Override
    public List<String> getProcesses() {
        return view().processes();
    }

    @Override
    public int getTimers() {
        return view().timers();
    }

    @Override
    public int getThreads() {
        return view().threads();
    }

    @Override
    public List<String> getPreviousVersions() {
        return view().previousVersions();
    }

    @Override
    public String getLastError() {
        return view().lastError();
    }

    @Override
    public String getStartedAt() {
        return view().startedAt();
    }
}
