package dev.tern.server.it;

import dev.tern.mod.presence.PresenceModule;
import dev.tern.mod.roster.RosterModule;
import dev.tern.server.TernServer;
import dev.tern.server.config.ServerConfig;
import dev.tern.server.testing.ModuleJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A real server for integration tests: ephemeral ports on loopback, H2 in a temporary folder,
 * the self-signed certificate it generates on first start, and a management endpoint on an
 * ephemeral port. The roster and presence jars are laid out in a module repository in the same
 * folder, and {@link #withModules} starts them from there as the distribution does.
 */
final class TestServer implements AutoCloseable {

    static final String DOMAIN = "localhost";
    static final String PASSWORD = "correct horse battery staple";

    final TernServer server;
    private final Path folder;

    private TestServer(TernServer server, Path folder) {
        this.server = server;
        this.folder = folder;
    }

    /** Starts a server with the defaults, except for ports, bind address, the repository and {@code tuning}. */
    static TestServer start(UnaryOperator<ServerConfig> tuning, String... users) throws Exception {
        Path folder = Files.createTempDirectory("tern-it-");
        Path repository = folder.resolve("modules");
        ModuleJars.install(repository, RosterModule.class);
        ModuleJars.install(repository, PresenceModule.class);
        ServerConfig defaults = ServerConfig.defaults(folder.resolve("data"));
        ServerConfig config = tuning.apply(defaults
                .withC2s(defaults.c2s().withBindAddress("127.0.0.1").withPorts(0, 0))
                .withModules(ServerConfig.Modules.none(repository))
                .withManagement(defaults.management().withPort(0)));
        TernServer server = TernServer.start(config);
        for (String user : users) {
            server.accounts().create(user, PASSWORD);
        }
        return new TestServer(server, folder);
    }

    static TestServer start(String... users) throws Exception {
        return start(config -> config, users);
    }

    /** Returns a tuning that enables the roster and presence modules, at the versions their jars declare. */
    static UnaryOperator<ServerConfig> withModules() {
        return config -> config.withModules(config.modules().withEnabled(List.of("roster", "presence")));
    }

    /** Returns the server's module repository, where a test may add module versions. */
    Path repository() {
        return server.config().modules().repository();
    }

    /** Returns a trust manager that trusts exactly the server's certificate. */
    X509TrustManager trustManager() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        X509Certificate certificate = server.certificate();
        trusted.setCertificateEntry("tern", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    /** Returns a client TLS context that trusts the server's certificate. */
    SSLContext clientSslContext() throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
        return context;
    }

    @Override
    public void close() throws IOException {
        server.stop();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
