package dev.tern.hotload.api;

import dev.tern.kernel.GenServer;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessBody;
import java.time.Duration;
import java.util.Optional;

/**
 * What a module may start or register. Everything made here is recorded against the module
 * version and undone when it stops; during an upgrade it is switched to the new version or,
 * when the upgrade fails, discarded.
 *
 * <p>Processes the module's own processes spawn are stopped with the module too, because the
 * host finds them through their parent. Processes spawned any other way, for example from a
 * module thread with {@link Kernel#spawn}, are not tracked.
 *
 * @param <R> the host's registration type
 */
public interface ModuleContext<R> {

    /** Returns the module name from the descriptor. */
    String moduleName();

    /** Returns the version of the code this context belongs to. */
    String version();

    /** Returns the version being replaced when this context belongs to an upgrade, else empty. */
    Optional<String> upgradingFrom();

    /** Returns the module's options, parsed and validated when the version was loaded. */
    ModuleOptions options();

    /** Returns the kernel the module's processes run in. */
    Kernel kernel();

    /**
     * Starts a server under the module's supervisor, which restarts it if it crashes. During an
     * upgrade, an {@code id} the running version also started does not start a process: the
     * running one is suspended, moved to {@code callbacks} through
     * {@link GenServer#codeChange}, and its pid returned.
     *
     * @param id   unique within the module; the next version's server with the same id takes over this one
     * @param args passed to {@code init}; the kernel keeps them for the process's lifetime, so
     *             they must be JDK or API types (the host checks)
     * @throws IllegalArgumentException when {@code id} is already used in this context or args hold module classes
     */
    Pid startServer(String id, GenServer<?> callbacks, Object args);

    /** Starts a server as {@link #startServer(String, GenServer, Object)} does, registered under {@code registeredName}. */
    Pid startServer(String id, String registeredName, GenServer<?> callbacks, Object args);

    /** Returns the current pid of the server started under {@code id}, or empty when it is not running. */
    Optional<Pid> server(String id);

    /**
     * Spawns a plain process that is not restarted when it ends. An upgrade does not migrate
     * it: the new version spawns its own, and the old one is stopped after the switch.
     */
    Pid spawn(String id, ProcessBody body);

    /** Hands {@code registration} to the host; during an upgrade it goes live at the switch. */
    Registration register(R registration);

    /** Sends {@code message} to {@code to} once after {@code delay}. */
    ModuleTimer sendAfter(Duration delay, Pid to, Object message);

    /** Sends {@code message} to {@code to} every {@code period}, first after one period. */
    ModuleTimer sendInterval(Duration period, Pid to, Object message);

    /** Runs {@code action} once after {@code delay} on a virtual thread of the module. */
    ModuleTimer schedule(Duration delay, Runnable action);

    /** Runs {@code action} every {@code period} on a virtual thread of the module, first after one period. */
    ModuleTimer every(Duration period, Runnable action);

    /**
     * Starts a platform daemon thread named {@code <module>-<name>}. On stop the host
     * interrupts it and waits for it to end, so {@code task} must return when interrupted.
     */
    Thread startThread(String name, Runnable task);

    /**
     * Registers {@code mbean} as {@code tern:type=ModuleBean,module=<module>,name=<name>} in
     * the host's MBean server; during an upgrade it replaces the old version's bean at the switch.
     */
    void registerMBean(String name, Object mbean);
}
