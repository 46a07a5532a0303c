package dev.tern.server.it;

import dev.tern.server.TernServer;
import dev.tern.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A real server for integration tests: ephemeral ports on loopback, H2 in a temporary folder,
 * and the self-signed certificate it generates on first start.
 */
final class TestServer implements AutoCloseable {

    static final String DOMAIN = "localhost";
    static final String PASSWORD = "correct horse battery staple";

    final TernServer server;
    private final Path dataDirectory;

    private TestServer(TernServer server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a server with the defaults, except for ports, bind address and {@code tuning}. */
    static TestServer start(java.util.function.UnaryOperator<ServerConfig> tuning, String... users) throws Exception {
        Path dataDirectory = Files.createTempDirectory("tern-it-");
        ServerConfig defaults = ServerConfig.defaults(dataDirectory);
        ServerConfig config = tuning.apply(defaults.withC2s(defaults.c2s().withBindAddress("127.0.0.1").withPorts(0, 0)));
        TernServer server = TernServer.start(config);
        for (String user : users) {
            server.accounts().create(user, PASSWORD);
        }
        return new TestServer(server, dataDirectory);
    }

    static TestServer start(String... users) throws Exception {
        return start(config -> config, users);
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
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
