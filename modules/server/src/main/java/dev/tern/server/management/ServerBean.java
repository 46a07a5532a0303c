package dev.tern.server.management;

import dev.tern.server.TernServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Implements {@link ServerMXBean} over a running server and the JVM's platform MXBeans. */
final class ServerBean implements ServerMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(ServerBean.class);
    private static final String POM_PROPERTIES = "/META-INF/maven/dev.tern/tern-server/pom.properties";

    private final TernServer server;
    private final Runnable stopAction;
    private final String version = readVersion();

    ServerBean(TernServer server, Runnable stopAction) {
        this.server = server;
        this.stopAction = stopAction;
    }

    @Override
    public String getDomain() {
        return server.config().domain();
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public String getStartedAt() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString();
    }

    @Override
    public long getUptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
    }

    @Override
    public long getHeapUsedBytes() {
        return heap().getUsed();
    }

    @Override
    public long getHeapMaxBytes() {
        return heap().getMax();
    }

    @Override
    public int getProcessCount() {
        return server.kernel().processCount();
    }

    @Override
    public int getSessionCount() {
        return server.sessions().count();
    }

    @Override
    public int getConnectionCount() {
        return server.connectionCount();
    }

    @Override
    public List<String> getListeners() {
        String address = server.config().c2s().bindAddress();
        List<String> listeners = new ArrayList<>();
        listeners.add("c2s-starttls " + address + ":" + server.c2sPort());
        if (server.directTlsPort() >= 0) {
            listeners.add("c2s-direct-tls " + address + ":" + server.directTlsPort());
        }
        return listeners;
    }

    @Override
    public void stop() {
        LOG.info("Stopping the server on a management request");
        // The caller gets its reply first, because stopping inside the call could end the endpoint that sends it.
        Thread.ofPlatform().name("tern-management-stop").start(stopAction);
    }

    private static MemoryUsage heap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    }

    private static String readVersion() {
        try (InputStream in = TernServer.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            LOG.warn("Reading the server version from '{}' failed", POM_PROPERTIES, e);
            return "unknown";
        }
    }
}
