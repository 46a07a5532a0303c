package dev.tern.console;

import dev.tern.server.TernServer;
import dev.tern.server.config.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A real server managed as in production: the roster module loaded from a module repository
 * that also contains a second roster version to upgrade to, and the management endpoint on an
 * ephemeral loopback port with a generated password file. The MXBean {@code stop()} only
 * counts down {@link #stopRequested}, so a test can check it without ending the server under
 * the others. Accounts alice, bob and carol exist.
 */
final class ConsoleTestServer implements AutoCloseable {

    static final String DOMAIN = "localhost";
    static final String USER_PASSWORD = "correct horse battery staple";
    static final String ROSTER_VERSION = "1.0.0";
    static final String ROSTER_UPGRADE = "1.1.0";

    final TernServer server;
    final Path passwordFile;
    final Path configFile;
    final CountDownLatch stopRequested = new CountDownLatch(1);

    private ConsoleTestServer(Path directory) throws Exception {
        Path repository = Files.createDirectories(directory.resolve("modules"));
        RosterJars.add(repository, ROSTER_VERSION);
        RosterJars.add(repository, ROSTER_UPGRADE);
        passwordFile = directory.resolve("management.password");

        ServerConfig defaults = ServerConfig.defaults(Files.createDirectories(directory.resolve("data")));
        ServerConfig config = defaults
                .withC2s(defaults.c2s().withBindAddress("127.0.0.1").withPorts(0, 0))
                .withModules(new ServerConfig.Modules(repository, List.of("roster"),
                        Map.of("roster", ROSTER_VERSION), Map.of()))
                .withManagement(defaults.management().withPort(0).withPasswordFile(passwordFile));
        server = TernServer.start(config, stopRequested::countDown);
        for (String user : new String[] {"alice", "bob", "carol"}) {
            server.accounts().create(user, USER_PASSWORD);
        }

        // The console reads the endpoint and the password file from a configuration like the server's.
        configFile = Files.writeString(directory.resolve("tern.properties"), "management.port="
                + url().getPort() + "\nmanagement.password_file=management.password\n");
    }

    static ConsoleTestServer start(Path directory) throws Exception {
        return new ConsoleTestServer(directory);
    }

    URI url() {
        return server.managementUrl().orElseThrow();
    }

    JolokiaClient client() throws Exception {
        return new JolokiaClient(url(), "admin", ManagementSettings.readPassword(passwordFile));
    }

    @Override
    public void close() {
        server.stop();
    }
}
