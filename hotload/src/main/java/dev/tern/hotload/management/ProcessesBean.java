package dev.tern.hotload.management;

import dev.tern.hotload.ModuleManager;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Implements {@link ProcessesMXBean} from the kernel's introspection. */
final class ProcessesBean implements ProcessesMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessesBean.class);

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
        Pid pid = live(serial);
        ProcessInfo info = kernel.info(pid).orElseThrow(() -> new IllegalArgumentException(
                "Process " + pid + " ended; list shows the live ones"));
        return ProcessView.of(info, manager.processOwners().get(pid));
    }

    @Override
    public void kill(long serial, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("The exit reason is empty; give one such as kill or shutdown");
        }
        String name = reason.strip();
        Pid pid = live(serial);
        ExitReason exit = switch (name) {
            case "kill" -> ExitReason.KILL;
            case "shutdown" -> ExitReason.SHUTDOWN;
            case "normal" -> ExitReason.NORMAL;
            default -> new ExitReason.Atom(name);
        };
        kernel.exit(pid, exit);
        LOG.info("Sent exit signal '{}' to process '{}' on a management request", exit, pid);
    }

    private Pid live(long serial) {
        return kernel.lookup(serial).orElseThrow(() -> new IllegalArgumentException(
                "No live process has serial number " + serial + "; list shows the live ones"));
    }
}
