package dev.tern.server.management;

import dev.tern.server.TernServer;
import dev.tern.server.config.ServerConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A real server on ephemeral loopback ports. The server registers its own MXBeans in the
 * platform MBean server; its Jolokia endpoint is off, because these tests call the MXBeans
 * through JMX proxies. The stop operation only counts down {@link #stopRequested}, so a test
 * can check it without ending the server under the other tests.
 */
final class ManagedTestServer implements AutoCloseable {

    static final String DOMAIN = "localhost";
    static final String PASSWORD = "correct horse battery staple";

    final TernServer server;
    final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Path dataDirectory;
    private final MBeanServer mbeanServer = ManagementFactory.getPlatformMBeanServer();

    private ManagedTestServer(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        ServerConfig defaults = ServerConfig.defaults(dataDirectory);
        ServerConfig config = defaults
                .withC2s(defaults.c2s().withBindAddress("127.0.0.1").withPorts(0, 0))
                .withManagement(defaults.management().withPort(-1));
        this.server = TernServer.start(config, stopRequested::countDown);
    }

    static ManagedTestServer start() throws Exception {
        return new ManagedTestServer(Files.createTempDirectory("tern-management-"));
    }

    <T> T proxy(ObjectName name, Class<T> type) {
        return JMX.newMXBeanProxy(mbeanServer, name, type);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
