package dev.tern.sint;

import dev.tern.server.TernServer;
import dev.tern.server.auth.AccountExistsException;
import dev.tern.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A real Tern server for the Smack integration tests. It listens for STARTTLS on an ephemeral
 * loopback port, keeps H2 and its generated self-signed certificate in a temporary folder, and
 * starts the feature modules on the class path from a module repository. The management
 * endpoint is off.
 */
final class SintServer implements AutoCloseable {

    /**
     * An account the framework logs in with.
     *
     * @param password random, and never logged
     */
    record Account(String username, String password) {

        @Override
        public String toString() {
            return username;
        }
    }

    /** The suffixes of the framework's main connections conOne, conTwo and conThree. */
    private static final List<String> MAIN_CONNECTIONS = List.of("one", "two", "three");

    /** The usernames {@link #createAccounts} makes: the account set's number, a dash, the connection. */
    private static final Pattern USERNAME = Pattern.compile("\\bsint\\d+-(one|two|three)\\b");

    private final TernServer server;
    private final Path folder;
    private final SecureRandom random = new SecureRandom();
    private int accountSets;

    private SintServer(TernServer server, Path folder) {
        this.server = server;
        this.folder = folder;
    }

    /**
     * Starts the server on the configuration defaults, except for the bind address, the ports,
     * the modules and the management endpoint.
     *
     * @param modules the feature modules to start, each on the class path; empty to start every
     *                feature module on the class path
     */
    static SintServer start(List<String> modules) throws IOException {
        Path folder = Files.createTempDirectory("tern-sint-");
        Path repository = folder.resolve("modules");
        List<String> available = ModuleRepository.installAll(repository);
        List<String> enabled = modules.isEmpty() ? available : modules;
        if (!available.containsAll(enabled)) {
            deleteRecursively(folder);
            throw new IllegalArgumentException("Modules " + modules + " requested, but the class path has only "
                    + available + "; add the missing ones as test dependencies of tern-sint");
        }

        ServerConfig defaults = ServerConfig.defaults(folder.resolve("data"));
        ServerConfig config = defaults
                .withC2s(defaults.c2s().withBindAddress(InetAddress.getLoopbackAddress().getHostAddress()).withPorts(0, 0))
                .withModules(ServerConfig.Modules.none(repository).withEnabled(enabled))
                .withManagement(defaults.management().withPort(-1));
        try {
            return new SintServer(TernServer.start(config), folder);
        } catch (RuntimeException e) {
            deleteRecursively(folder);
            throw e;
        }
    }

    /**
     * Creates three new accounts for one framework run. The tests assume accounts with empty
     * rosters and no subscriptions, and the framework registers such accounts for each of its
     * runs when the server lets it.
     */
    List<Account> createAccounts() throws AccountExistsException {
        accountSets++;
        List<Account> accounts = new ArrayList<>();
        for (String connection : MAIN_CONNECTIONS) {
            Account account = new Account("sint" + accountSets + "-" + connection, randomPassword());
            server.accounts().create(account.username(), account.password());
            accounts.add(account);
        }
        return List.copyOf(accounts);
    }

    /** Replaces the account set's number in the usernames in {@code text}, so that text from different framework runs compares equal. */
    static String withoutAccountSetNumbers(String text) {
        return USERNAME.matcher(text).replaceAll("sint-$1");
    }

    private String randomPassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Returns the feature modules the server started. */
    List<String> modules() {
        return server.config().modules().enabled();
    }

    String domain() {
        return server.config().domain();
    }

    InetAddress address() {
        return InetAddress.getLoopbackAddress();
    }

    int starttlsPort() {
        return server.c2sPort();
    }

    /** Returns a trust manager that trusts exactly the server's generated certificate. */
    X509TrustManager trustManager() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("tern", server.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    @Override
    public void close() {
        server.stop();
        deleteRecursively(folder);
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Deleting the server's folder '" + folder + "' failed", e);
        }
    }
}
