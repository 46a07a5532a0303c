package dev.tern.server.module;

import dev.tern.kernel.ChildSpec;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.Supervisor;
import dev.tern.kernel.SupervisorSpec;
import dev.tern.kernel.Sys;
import dev.tern.xmpp.api.module.Service;
import dev.tern.xmpp.api.module.ServiceRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of one module's {@link Service}s, under a one_for_one supervisor of their own
 * that lives as long as the module runs, across its versions. Each service process is
 * registered in the kernel under a name built from the module and service names, so a
 * {@link ServiceRef} finds it again after a restart.
 *
 * <p>NOTE: the supervisor has OTP's default restart intensity (one restart in five seconds).
 * When a service crashes more often, the supervisor gives up and the module's services stay
 * down until the module is started again.
 */
final class ModuleServices {

    /** The code a service runs and the arguments its {@code init} gets on a restart. */
    record ServiceCode(ServiceAdapter adapter, Object args) {
    }

    private final Kernel kernel;
    private final String moduleName;

    // Guarded by this.
    private Pid supervisor;
    private final Map<String, Slot> slots = new HashMap<>();

    ModuleServices(Kernel kernel, String moduleName) {
        this.kernel = kernel;
        this.moduleName = moduleName;
    }

    /**
     * Starts {@code service} as a new supervised process.
     *
     * @throws RuntimeException from the kernel when the service's {@code init} fails
     */
    synchronized ServiceRef start(String serviceName, Service<?> service, Object args) {
        if (supervisor == null) {
            supervisor = Supervisor.start(kernel, SupervisorSpec.of(SupervisorSpec.Strategy.ONE_FOR_ONE, List.of()));
        }
        Slot slot = new Slot(registeredName(serviceName), serviceName);
        slot.code = new ServiceCode(new ServiceAdapter(service, moduleName, serviceName), args);
        slots.put(serviceName, slot);

        ChildSpec.ChildStart start = (childKernel, extraArgs) ->
                GenServer.startLink(childKernel, slot.registeredName, slot.code.adapter(), slot.code.args());
        try {
            Supervisor.startChild(kernel, supervisor, ChildSpec.worker(serviceName, start));
        } catch (RuntimeException e) {
            slots.remove(serviceName);
            throw e;
        }
        return slot.ref;
    }

    /**
     * Moves the running service {@code serviceName} to {@code service}'s code: suspends the
     * process at a message boundary, converts its state with the new code's
     * {@link Service#codeChange}, and resumes it. Messages that arrive meanwhile wait in its
     * mailbox and are handled in order by the new code. A process that is down at this moment
     * starts with the new code on its next restart.
     *
     * @return the code the service ran before, for {@link #migrateBack}
     * @throws RuntimeException when the conversion throws; the process then keeps its old code and state
     */
    synchronized ServiceCode migrate(String serviceName, Service<?> service, Object args, String fromVersion) {
        Slot slot = requireSlot(serviceName);
        ServiceCode previous = slot.code;
        ServiceCode next = new ServiceCode(new ServiceAdapter(service, moduleName, serviceName), args);
        changeCode(slot, next, fromVersion);
        slot.code = next;
        return previous;
    }

    /** Moves a migrated service back to {@code previous}, converting its state with the old code's {@code codeChange}. */
    synchronized void migrateBack(String serviceName, ServiceCode previous, String fromVersion) {
        Slot slot = requireSlot(serviceName);
        changeCode(slot, previous, fromVersion);
        slot.code = previous;
    }

    /** Stops one service and removes its slot. */
    synchronized void terminate(String serviceName) {
        if (slots.remove(serviceName) == null || supervisor == null) {
            return;
        }
        Supervisor.terminateChild(kernel, supervisor, serviceName);
        Supervisor.deleteChild(kernel, supervisor, serviceName);
    }

    /** Stops the supervisor and with it every service, in reverse start order. */
    synchronized void stopAll() {
        slots.clear();
        if (supervisor == null) {
            return;
        }
        Supervisor.stop(kernel, supervisor, ExitReason.SHUTDOWN);
        supervisor = null;
    }

    /** Returns the stable handle of a running service. */
    synchronized ServiceRef ref(String serviceName) {
        return requireSlot(serviceName).ref;
    }

    /** Returns the process of a service, or empty while it is down or restarting. */
    Optional<Pid> whereis(String serviceName) {
        return kernel.whereis(registeredName(serviceName));
    }

    /** Returns the module's supervisor, or empty when no service was ever spawned or all were stopped. */
    synchronized Optional<Pid> supervisor() {
        return Optional.ofNullable(supervisor);
    }

    private void changeCode(Slot slot, ServiceCode code, String fromVersion) {
        Optional<Pid> process = kernel.whereis(slot.registeredName);
        if (process.isEmpty()) {
            return;
        }
        Pid pid = process.get();
        Sys.suspend(kernel, pid);
        try {
            Sys.changeCode(kernel, pid, code.adapter(), fromVersion, null);
        } finally {
            Sys.resume(kernel, pid);
        }
    }

    private Slot requireSlot(String serviceName) {
        Slot slot = slots.get(serviceName);
        if (slot == null) {
            throw new IllegalStateException("Module '" + moduleName + "' has no service named '" + serviceName + "'");
        }
        return slot;
    }

    private String registeredName(String serviceName) {
        return "tern.module." + moduleName + "." + serviceName;
    }

    /** One service: its stable handle and the code its next restart runs. */
    private final class Slot {
        final String registeredName;
        final ServiceRef ref;
        volatile ServiceCode code;

        Slot(String registeredName, String serviceName) {
            this.registeredName = registeredName;
            this.ref = new HostedServiceRef(kernel, registeredName, moduleName, serviceName);
        }
    }
}
