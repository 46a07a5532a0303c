package dev.tern.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The command line of the console, which the launcher runs as {@code tern console} and
 * {@code tern ctl}. Both reach the server only through its Jolokia endpoint.
 */
public final class Main {

    static final String USAGE = """
            Usage: tern console [OPTIONS]                 interactive shell
                   tern ctl [OPTIONS] COMMAND [ARGS...]   one command, for scripts; 'tern ctl help' lists them
            Options:
              --config FILE         the server's configuration, for the endpoint and the password file
              --url URL             the Jolokia endpoint (default http://127.0.0.1:8778/jolokia/)
              --user NAME           the management user (default admin)
              --password-file FILE  a file whose first line is the management password
                                    (default management.password in the server's data folder)
              --json                print results as JSON
              --history FILE        the shell's history (default ~/.tern_history)
            Without a readable password file, the password is asked for.
            ctl exits 0 on success, 1 when the command failed, 2 for a wrong command line,
            and 3 when the server is unreachable or rejected the password.""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** The parsed options. */
    private static final class Options {
        String mode;
        Path config;
        URI url;
        String user;
        Path passwordFile;
        boolean json;
        Path history = Path.of(System.getProperty("user.home"), ".tern_history");
        final List<String> command = new ArrayList<>();
    }

    /** Runs the console or one command and returns the exit code. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (ConsoleException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return e.kind().exitCode();
        }
        try {
            if (options.mode.equals("console")) {
                return console(options);
            }
            JolokiaClient client = client(options, null);
            return new Ctl(client, options.json, in).run(options.command, out, err);
        } catch (ConsoleException e) {
            err.println(e.getMessage());
            return e.kind().exitCode();
        }
    }

    private static Options parse(String[] args) throws ConsoleException {
        Options options = new Options();
        if (args.length == 0 || !(args[0].equals("console") || args[0].equals("ctl"))) {
            throw ConsoleException.usage(args.length == 0 ? "Missing mode: console or ctl"
                    : "Unknown mode '" + args[0] + "': use console or ctl");
        }
        options.mode = args[0];
        int i = 1;
        while (i < args.length && args[i].startsWith("--")) {
            String option = args[i];
            if (option.equals("--json")) {
                options.json = true;
                i++;
                continue;
            }
            if (i + 1 >= args.length) {
                throw ConsoleException.usage("Option " + option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--config" -> options.config = Path.of(value);
                case "--url" -> options.url = parseUrl(value);
                case "--user" -> options.user = value;
                case "--password-file" -> options.passwordFile = Path.of(value);
                case "--history" -> options.history = Path.of(value);
                default -> throw ConsoleException.usage("Unknown option '" + option + "'");
            }
            i += 2;
        }
        options.command.addAll(List.of(args).subList(i, args.length));
        if (options.mode.equals("console") && !options.command.isEmpty()) {
            throw ConsoleException.usage("The console takes no command; use 'tern ctl " + options.command.getFirst()
                    + " ...' for one command");
        }
        if (options.mode.equals("ctl") && options.command.isEmpty()) {
            throw ConsoleException.usage("Missing command; 'tern ctl help' lists them");
        }
        return options;
    }

    private static URI parseUrl(String text) throws ConsoleException {
        try {
            URI url = URI.create(text.endsWith("/") ? text : text + "/");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw ConsoleException.usage("Invalid --url '" + text + "': use http://HOST:PORT/jolokia/");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw ConsoleException.usage("Invalid --url '" + text + "': " + e.getMessage());
        }
    }

    private static int console(Options options) throws ConsoleException {
        try (Terminal terminal = TerminalBuilder.builder().name("tern").system(true).build()) {
            JolokiaClient client = client(options, terminal);
            return new Shell(terminal, client, options.history, options.json).run();
        } catch (IOException e) {
            throw ConsoleException.failed("Opening the terminal failed: " + e.getMessage());
        }
    }

    /**
     * Builds the client from the options and the server's configuration. The password comes
     * from the password file when it is readable, or else from a prompt on {@code terminal} or
     * on the JVM's console.
     */
    private static JolokiaClient client(Options options, Terminal terminal) throws ConsoleException {
        ManagementSettings settings = ManagementSettings.load(options.config);
        URI url = options.url != null ? options.url : settings.url();
        String user = options.user != null ? options.user : settings.user();
        Path passwordFile = options.passwordFile != null ? options.passwordFile : settings.passwordFile();
        return new JolokiaClient(url, user, password(passwordFile, user, terminal));
    }

    private static char[] password(Path file, String user, Terminal terminal) throws ConsoleException {
        if (Files.isReadable(file)) {
            try {
                return ManagementSettings.readPassword(file);
            } catch (IOException e) {
                throw new ConsoleException(ConsoleException.Kind.UNREACHABLE, "Reading the password file '" + file
                        + "' failed: " + e.getMessage());
            }
        }
        String prompt = "Password of management user '" + user + "': ";
        if (terminal != null) {
            try {
                return LineReaderBuilder.builder().terminal(terminal).build().readLine(prompt, '*').toCharArray();
            } catch (EndOfFileException | UserInterruptException e) {
                throw new ConsoleException(ConsoleException.Kind.UNREACHABLE, "No password given");
            }
        }
        java.io.Console console = System.console();
        if (console != null && console.isTerminal()) {
            char[] password = console.readPassword("%s", prompt);
            if (password != null) {
                return password;
            }
        }
        throw new ConsoleException(ConsoleException.Kind.UNREACHABLE, "Cannot read the management password: '"
                + file + "' is missing or not readable, and no terminal is attached to ask. Run as the server's "
                + "user, or pass --password-file");
    }
}
