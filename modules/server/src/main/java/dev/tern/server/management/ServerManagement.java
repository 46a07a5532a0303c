package dev.tern.server.management;

import dev.tern.server.TernServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a running server as MXBeans with open types only, so that Jolokia renders them as
 * JSON and the console needs none of the server's classes:
 *
 * <ul>
 * <li>{@code tern:type=Server}: domain, version, uptime, memory, counts, listeners, stop;
 * <li>{@code tern:type=Users}: accounts;
 * <li>{@code tern:type=Sessions}: bound resources, kick;
 * <li>{@code tern:type=Roster}: rosters, read through the roster module;
 * <li>{@code tern:type=Messages}: messages from the server's domain;
 * <li>{@code tern:type=Logging}: logger levels at runtime.
 * </ul>
 *
 * Failures cross JMX as {@link IllegalArgumentException} (bad input, nothing found) or
 * {@link IllegalStateException} (the server cannot do it now) with a message only, because a
 * remote client may lack the classes of the original exception. This class starts no JMX
 * connector; remote access goes through hotload's Jolokia endpoint.
 */
public final class ServerManagement implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerManagement.class);

    public static final ObjectName SERVER = name("tern:type=Server");
    public static final ObjectName USERS = name("tern:type=Users");
    public static final ObjectName SESSIONS = name("tern:type=Sessions");
    public static final ObjectName ROSTER = name("tern:type=Roster");
    public static final ObjectName MESSAGES = name("tern:type=Messages");
    public static final ObjectName LOGGING = name("tern:type=Logging");

    private final MBeanServer mbeanServer;
    private final List<ObjectName> registered = new ArrayList<>();

    private ServerManagement(MBeanServer mbeanServer) {
        this.mbeanServer = mbeanServer;
    }

    /**
     * Registers the server's MXBeans; {@code stop()} on {@code tern:type=Server} calls
     * {@link TernServer#stop()} on a thread of its own.
     *
     * @throws JMException when a name is already registered, for example by a second server in
     *                     the same JVM; nothing stays registered then
     */
    public static ServerManagement register(MBeanServer mbeanServer, TernServer server) throws JMException {
        return register(mbeanServer, server, server::stop);
    }

    /**
     * Registers the server's MXBeans with {@code stopAction} as what {@code stop()} runs, on a
     * thread of its own. A launcher that waits for the JVM's shutdown passes
     * {@code () -> System.exit(0)}, so the shutdown hook stops the server and the JVM ends.
     *
     * @throws JMException when a name is already registered; nothing stays registered then
     */
    public static ServerManagement register(MBeanServer mbeanServer, TernServer server, Runnable stopAction)
            throws JMException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(stopAction, "stopAction");
        ServerManagement management = new ServerManagement(Objects.requireNonNull(mbeanServer, "mbeanServer"));
        try {
            management.add(new ServerBean(server, stopAction), SERVER);
            management.add(new UsersBean(server.config().domain(), server.accounts(), server.sessions()), USERS);
            management.add(new SessionsBean(server.sessions()), SESSIONS);
            management.add(new RosterBean(server.config().domain(), server.accounts(), server.modules()), ROSTER);
            management.add(new MessagesBean(server.config().domain(), server.accounts(), server.sessions(),
                    server.router()), MESSAGES);
            management.add(new LoggingBean(), LOGGING);
        } catch (JMException | RuntimeException e) {
            management.close();
            throw e;
        }
        return management;
    }

    private void add(Object bean, ObjectName name) throws JMException {
        mbeanServer.registerMBean(bean, name);
        registered.add(name);
    }

    /** Unregisters every MXBean this instance registered. */
    @Override
    public void close() {
        for (ObjectName name : registered.reversed()) {
            try {
                mbeanServer.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // Already gone: the goal of this call.
            } catch (JMException e) {
                LOG.atWarn().setCause(e).log("Unregistering MBean '{}' failed", name);
            }
        }
        registered.clear();
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Invalid object name '" + text + "'", e);
        }
    }
}
