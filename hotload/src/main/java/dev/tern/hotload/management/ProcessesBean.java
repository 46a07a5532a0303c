package dev.tern.hotload.management;

import dev.tern.hotload.ModuleManager;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Implements {@link ProcessesMXBean} from the kernel's introspection. */
final class ProcessesBean implements ProcessesMXBean {

    private final ModuleManager<?> manager;
    private final Kernel kernel;

    ProcessesBean(ModuleManager<?> manager) {
        this.manager = manager;
        this.kernel = manager.kernel();
    }

    @Override
    public int getCount() {
        return kernel.processCount();
    }

    @Override
    public List<ProcessView> list() {
        Map<Pid, String> owners = manager.processOwners();
        List<ProcessView> views = new ArrayList<>();
        for (Pid pid : kernel.processes()) {
            kernel.info(pid).ifPresent(info -> views.add(ProcessView.of(info, owners.get(pid))));
        }
        views.sort(Comparator.comparingLong(ProcessView::serial));
        return views;
    }

    @Override
    public ProcessView info(long serial) {
        Pid pid = kernel.lookup(serial).orElseThrow(() -> new IllegalArgumentException(
                "No live process has serial number " + serial + "; list shows the live ones"));
        ProcessInfo info = kernel.info(pid).orElseThrow(() -> new IllegalArgumentException(
                "Process " + pid + " ended; list shows the live ones"));
        return ProcessView.of(info, manager.processOwners().get(pid));
    }
}
