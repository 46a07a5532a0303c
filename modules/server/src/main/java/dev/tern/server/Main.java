package dev.tern.server;

import dev.tern.server.auth.AccountExistsException;
import dev.tern.server.auth.AccountNotFoundException;
import dev.tern.server.auth.AccountSchema;
import dev.tern.server.auth.AccountStore;
import dev.tern.server.auth.CredentialPolicy;
import dev.tern.server.auth.Usernames;
import dev.tern.server.config.ConfigException;
import dev.tern.server.config.ConfigLoader;
import dev.tern.server.config.ServerConfig;
import dev.tern.server.storage.H2Database;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: runs the server, or manages accounts in its database while it is stopped
 * (H2 locks the file, so only one process can use a data folder).
 *
 * <pre>
 * tern [--config FILE] run
 * tern [--config FILE] user add NAME       (reads the password from the console or standard input)
 * tern [--config FILE] user passwd NAME    (same)
 * tern [--config FILE] user delete NAME
 * tern [--config FILE] user list
 * </pre>
 */
public final class Main {

    private static final String USAGE = """
            Usage: tern [--config FILE] COMMAND
              run                 start the server; stop it with Ctrl-C or SIGTERM
              user add NAME       create an account; the password is read from the console or standard input
              user passwd NAME    set a new password the same way
              user delete NAME    delete an account
              user list           list the accounts
            Without --config, tern.properties in the working folder is read if it exists, else the defaults apply.""";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command and returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<String> words = new ArrayList<>(List.of(args));
        Path configFile = null;
        if (words.size() >= 2 && words.getFirst().equals("--config")) {
            configFile = Path.of(words.get(1));
            words.subList(0, 2).clear();
        }
        if (words.isEmpty()) {
            err.println(USAGE);
            return 2;
        }

        ServerConfig config;
        try {
            config = loadConfig(configFile);
        } catch (ConfigException e) {
            err.println("Invalid configuration: " + e.getMessage());
            return 2;
        }

        return switch (words.getFirst()) {
            case "run" -> runServer(config);
            case "user" -> userCommand(config, words.subList(1, words.size()), out, err);
            default -> {
                err.println("Unknown command '" + words.getFirst() + "'\n" + USAGE);
                yield 2;
            }
        };
    }

    private static ServerConfig loadConfig(Path configFile) {
        if (configFile != null) {
            return ConfigLoader.load(configFile);
        }
        Path defaultFile = Path.of("tern.properties");
        return Files.exists(defaultFile) ? ConfigLoader.load(defaultFile)
                : ServerConfig.defaults(Path.of("data").toAbsolutePath());
    }

    private static int runServer(ServerConfig config) throws InterruptedException {
        // The management stop exits the JVM, so the shutdown hook stops the server and main returns.
        TernServer server = TernServer.start(config, () -> System.exit(0)).installShutdownHook();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown, "tern-main-exit"));
        System.out.println("Tern serves '" + config.domain() + "' on port " + server.c2sPort()
                + " (STARTTLS) and " + server.directTlsPort() + " (direct TLS)");
        server.managementUrl().ifPresent(url -> System.out.println("Management endpoint " + url + " for user '"
                + config.management().user() + "', password in " + config.management().passwordFile()));
        forever.await();
        return 0;
    }

    private static int userCommand(ServerConfig config, List<String> words, PrintStream out, PrintStream err)
            throws IOException {
        if (words.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        String action = words.getFirst();
        boolean needsName = !action.equals("list");
        if (needsName && words.size() != 2 || !needsName && words.size() != 1) {
            err.println(USAGE);
            return 2;
        }

        String username = null;
        if (needsName) {
            try {
                username = Usernames.prepare(words.get(1));
            } catch (IllegalArgumentException e) {
                err.println("Invalid username '" + words.get(1) + "': " + e.getMessage());
                return 2;
            }
        }

        try (H2Database database = TernServer.openStorage(config)) {
            AccountStore accounts = new AccountStore(database,
                    CredentialPolicy.withIterations(config.auth().scramIterations()));
            return switch (action) {
                case "add" -> addUser(accounts, username, out, err);
                case "passwd" -> changePassword(accounts, username, out, err);
                case "delete" -> {
                    boolean deleted = accounts.delete(username);
                    out.println(deleted ? "Deleted '" + username + "'" : "No account '" + username + "'");
                    yield deleted ? 0 : 1;
                }
                case "list" -> {
                    listUsers(accounts, out);
                    yield 0;
                }
                default -> {
                    err.println("Unknown user command '" + action + "'\n" + USAGE);
                    yield 2;
                }
            };
        }
    }

    private static int addUser(AccountStore accounts, String username, PrintStream out, PrintStream err)
            throws IOException {
        try {
            accounts.create(username, readPassword("Password for '" + username + "': "));
            out.println("Created '" + username + "'");
            return 0;
        } catch (AccountExistsException e) {
            err.println("Account '" + username + "' already exists; use 'user passwd' to change its password");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("Invalid password: " + e.getMessage());
            return 2;
        }
    }

    private static int changePassword(AccountStore accounts, String username, PrintStream out, PrintStream err)
            throws IOException {
        try {
            accounts.changePassword(username, readPassword("New password for '" + username + "': "));
            out.println("Changed the password of '" + username + "'");
            return 0;
        } catch (AccountNotFoundException e) {
            err.println("No account '" + username + "'; create it with 'user add'");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("Invalid password: " + e.getMessage());
            return 2;
        }
    }

    private static void listUsers(AccountStore accounts, PrintStream out) {
        String after = null;
        while (true) {
            List<String> page = accounts.list(after, AccountStore.MAX_PAGE_SIZE);
            page.forEach(out::println);
            if (page.size() < AccountStore.MAX_PAGE_SIZE) {
                return;
            }
            after = page.getLast();
        }
    }

    /** Reads a password without echo from the console, or as the first line of standard input when there is no console. */
    private static String readPassword(String prompt) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] password = console.readPassword(prompt);
            if (password != null) {
                return new String(password);
            }
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null) {
            throw new IllegalArgumentException("no password was given on standard input");
        }
        return line;
    }
}
