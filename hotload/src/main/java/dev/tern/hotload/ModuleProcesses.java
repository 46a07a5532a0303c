package dev.tern.hotload;

import dev.tern.kernel.CallException;
import dev.tern.kernel.ChildSpec;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessBody;
import dev.tern.kernel.Supervisor;
import dev.tern.kernel.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes of one running module, across upgrades: a one_for_one supervisor over its
 * servers, its plain processes, and what those spawn. Ownership is kept as serial numbers of
 * every process the module started, so a stop finds descendants through parent links.
 */
final class ModuleProcesses {

    private final Kernel kernel;
    private final Pid supervisor;
    private final Map<String, ServerSlot> servers = new ConcurrentHashMap<>();
    private final Set<Long> owned = ConcurrentHashMap.newKeySet();

    private ModuleProcesses(Kernel kernel, Pid supervisor) {
        this.kernel = kernel;
        this.supervisor = supervisor;
        owned.add(supervisor.serial());
    }

    /** Starts the module's supervisor; {@code intensity} restarts within {@code period} make it give up. */
    static ModuleProcesses start(Kernel kernel, int intensity, Duration period) {
        SupervisorSpec spec = new SupervisorSpec(SupervisorSpec.Strategy.ONE_FOR_ONE, intensity, period, List.of());
        return new ModuleProcesses(kernel, Supervisor.start(kernel, spec));
    }

    Pid supervisor() {
        return supervisor;
    }

    boolean isAlive() {
        return kernel.isAlive(supervisor);
    }

    /** Starts {@code slot}'s server under the supervisor and returns its pid. */
    Pid startServer(ServerSlot slot) {
        ChildSpec spec = ChildSpec.worker(slot.id, (k, extraArgs) -> {
            Pid pid = slot.registeredName == null
                    ? GenServer.startLink(k, slot.callbacks, slot.args)
                    : GenServer.startLink(k, slot.registeredName, slot.callbacks, slot.args);
            owned.add(pid.serial());
            return pid;
        });
        servers.put(slot.id, slot);
        try {
            return Supervisor.startChild(kernel, supervisor, spec);
        } catch (RuntimeException e) {
            servers.remove(slot.id);
            throw e;
        }
    }

    ServerSlot slot(String id) {
        return servers.get(id);
    }

    /** Returns the current pid of server {@code id}, or empty while it is not running. */
    Optional<Pid> pid(String id) {
        if (!servers.containsKey(id) || !isAlive()) {
            return Optional.empty();
        }
        try {
            return Supervisor.whichChildren(kernel, supervisor).stream()
                    .filter(child -> child.id().equals(id) && child.pid() != null)
                    .map(Supervisor.ChildInfo::pid)
                    .findFirst();
        } catch (CallException e) {
            return Optional.empty();
        }
    }

    /** Stops server {@code id} and removes it from the supervisor, so it is not restarted. */
    void stopServer(String id) {
        servers.remove(id);
        if (!isAlive()) {
            return;
        }
        Supervisor.terminateChild(kernel, supervisor, id);
        Supervisor.deleteChild(kernel, supervisor, id);
    }

    /** Spawns a plain process owned by the module. */
    Pid spawn(ProcessBody body) {
        Pid pid = kernel.spawn(body);
        owned.add(pid.serial());
        return pid;
    }

    /** Returns the module's live processes: supervisor, servers, plain processes and their descendants. */
    List<Pid> live() {
        return ProcessTree.collect(kernel, owned);
    }

    /** Returns the live processes that descend from {@code roots}, the roots included. */
    List<Pid> tree(List<Pid> roots) {
        Set<Long> serials = ConcurrentHashMap.newKeySet();
        roots.forEach(pid -> serials.add(pid.serial()));
        return ProcessTree.collect(kernel, serials);
    }

    /**
     * Stops everything: the supervisor with its servers in reverse start order, then every
     * other owned process. Returns the processes that would not end (normally none).
     */
    List<Pid> shutdown(Duration timeout) {
        List<Pid> everything = live();
        if (isAlive()) {
            try {
                Supervisor.stop(kernel, supervisor, ExitReason.SHUTDOWN);
            } catch (CallException e) {
                // It ended on its own meanwhile; the processes left are ended below.
            }
        }
        servers.clear();
        List<Pid> survivors = new ArrayList<>(ProcessTermination.terminate(kernel, everything, timeout));
        owned.clear();
        return survivors;
    }
}
