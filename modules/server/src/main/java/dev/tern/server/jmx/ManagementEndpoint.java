package dev.tern.server.jmx;

import dev.tern.hotload.ModuleManager;
import dev.tern.hotload.management.JolokiaEndpoint;
import dev.tern.hotload.management.JolokiaSettings;
import dev.tern.hotload.management.ManagementPlane;
import dev.tern.hotload.management.ScramCredential;
import dev.tern.server.TernServer;
import dev.tern.server.config.ServerConfig;
import dev.tern.server.management.ServerManagement;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's management: hotload's MXBeans of the modules and processes and the server's own
 * MXBeans in the platform MBean server, and Jolokia's HTTP endpoint for them. The endpoint takes
 * the one configured user with the password from the password file, checked against its
 * SCRAM-SHA-256 hash. No JMX connector over RMI is started.
 */
public final class ManagementEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementEndpoint.class);

    private final ManagementPlane plane;
    private final ServerManagement server;
    private final JolokiaEndpoint jolokia;

    private ManagementEndpoint(ManagementPlane plane, ServerManagement server, JolokiaEndpoint jolokia) {
        this.plane = plane;
        this.server = server;
        this.jolokia = jolokia;
    }

    /**
     * Registers the MXBeans and, unless {@code settings} turn it off, starts the Jolokia endpoint.
     *
     * @param stopAction what the server MXBean's {@code stop()} runs
     * @throws JMException when an MXBean name is taken, for example by a second server in this JVM
     * @throws IOException when the password file cannot be read or created, or the port cannot be bound
     */
    public static ManagementEndpoint start(ServerConfig.Management settings, ModuleManager<?> modules,
            TernServer ternServer, Runnable stopAction) throws JMException, IOException {
        MBeanServer mbeanServer = ManagementFactory.getPlatformMBeanServer();
        ManagementPlane plane = ManagementPlane.register(modules, mbeanServer);
        ServerManagement server = null;
        try {
            server = ServerManagement.register(mbeanServer, ternServer, stopAction);
            JolokiaEndpoint jolokia = null;
            if (settings.endpointEnabled()) {
                String password = ManagementPassword.readOrCreate(settings.passwordFile());
                ScramCredential credential = ScramCredential.derive(password.toCharArray(),
                        ScramCredential.MIN_ITERATIONS);
                jolokia = JolokiaEndpoint.start(new JolokiaSettings(settings.bindAddress(), settings.port(),
                        settings.user(), credential));
                LOG.info("Management endpoint '{}' takes user '{}' with the password in '{}'", jolokia.url(),
                        settings.user(), settings.passwordFile());
            } else {
                LOG.info("Management endpoint is off (management.port is -1); the MXBeans are in the platform "
                        + "MBean server only");
            }
            return new ManagementEndpoint(plane, server, jolokia);
        } catch (JMException | IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            plane.close();
            throw e;
        }
    }

    /** Returns the endpoint's URL, ending in {@code /jolokia/}, or empty when the endpoint is off. */
    public Optional<URI> url() {
        return jolokia == null ? Optional.empty() : Optional.of(jolokia.url());
    }

    /** Returns the bound port of the endpoint, or -1 when it is off. */
    public int port() {
        return jolokia == null ? -1 : jolokia.port();
    }

    /** Stops the endpoint and unregisters the MXBeans. */
    @Override
    public void close() {
        if (jolokia != null) {
            jolokia.close();
        }
        server.close();
        plane.close();
    }
}
