package dev.tern.hotload.management;

import com.sun.net.httpserver.Authenticator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.config.SystemPropertyMode;
import org.jolokia.server.core.service.api.LogHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jolokia's JVM agent inside the host: JMX over HTTP and JSON at {@code /jolokia/}, for the
 * platform MBean server and so for {@link ManagementPlane}'s MXBeans. Every request needs
 * the configured user and password (HTTP Basic); others get 401. Jolokia's discovery
 * multicast and its JSR-160 proxy are left out of the build, and no JMX RMI connector is started.
 */
public final class JolokiaEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JolokiaEndpoint.class);
    private static final String REALM = "tern";

    private final JolokiaServer server;
    private final int port;
    private final URI url;

    private JolokiaEndpoint(JolokiaServer server, String bindAddress) {
        this.server = server;
        this.port = server.getAddress().getPort();
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        this.url = URI.create("http://" + host + ":" + port + "/jolokia/");
    }

    /**
     * Starts the endpoint.
     *
     * @throws IOException when the address cannot be bound, e.g. the port is taken
     */
    public static JolokiaEndpoint start(JolokiaSettings settings) throws IOException {
        Authenticator authenticator = new ScramBasicAuthenticator(REALM, settings.user(), settings.credential());
        Map<String, String> config = Map.of(
                "host", settings.bindAddress(),
                "port", Integer.toString(settings.port()),
                "agentContext", "/jolokia",
                "discoveryEnabled", "false",
                "disableDetectors", "true",
                "includeStackTrace", "false",
                "serializeException", "false",
                "realm", REALM);
        JolokiaServerConfig serverConfig = new JolokiaServerConfig(config, SystemPropertyMode.NEVER) {
            @Override
            public Authenticator getAuthenticator() {
                return authenticator;
            }
        };
        JolokiaServer server = new JolokiaServer(serverConfig, new Slf4jLogHandler());
        server.start(false);
        JolokiaEndpoint endpoint = new JolokiaEndpoint(server, settings.bindAddress());
        LOG.info("Jolokia endpoint listening on '{}' for user '{}'", endpoint.url, settings.user());
        return endpoint;
    }

    /** Returns the address the HTTP server is bound to. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Returns the bound port, useful when the settings requested an ephemeral one. */
    public int port() {
        return port;
    }

    /** Returns the endpoint URL, ending in {@code /jolokia/}. */
    public URI url() {
        return url;
    }

    /** Stops the HTTP server and unregisters Jolokia's own MBeans. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (IllegalStateException e) {
            // JolokiaServer.stop (2.3.0) ends by removing its JVM shutdown hook, and the JVM rejects
            // that while it shuts down. The hook is running then, and it stops the HTTP server itself.
            LOG.debug("Jolokia endpoint on '{}' is stopped by its own shutdown hook", url, e);
        }
        LOG.info("Jolokia endpoint on '{}' stopped", url);
    }

    /** Sends Jolokia's own log lines to SLF4J under {@code org.jolokia}. */
    private static final class Slf4jLogHandler implements LogHandler {
        private static final Logger JOLOKIA = LoggerFactory.getLogger("org.jolokia");

        @Override
        public void debug(String message) {
            JOLOKIA.debug(message);
        }

        @Override
        public void info(String message) {
            JOLOKIA.info(message);
        }

        @Override
        public void error(String message, Throwable t) {
            JOLOKIA.error(message, t);
        }

        @Override
        public boolean isDebug() {
            return JOLOKIA.isDebugEnabled();
        }
    }
}
