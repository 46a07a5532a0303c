package dev.tern.console;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One command without a shell, for scripts: {@code tern ctl users list}. The result goes to
 * standard output and an error to standard error. The exit code is 0 on success, 1 when the
 * command failed, 2 for a wrong command line, and 3 when the server is unreachable or rejected
 * the password.
 */
public final class Ctl {

    private final JolokiaClient client;
    private final boolean json;
    private final InputStream in;

    /** @param in where passwords are read from when no terminal is attached: the first line for each */
    public Ctl(JolokiaClient client, boolean json, InputStream in) {
        this.client = client;
        this.json = json;
        this.in = in;
    }

    public int run(List<String> words, PrintStream out, PrintStream err) {
        PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
        try {
            CommandSet.standard().run(words, client, new Output(writer, json), new StreamPrompter(in), null);
            writer.flush();
            return 0;
        } catch (ConsoleException e) {
            writer.flush();
            err.println(e.getMessage());
            return e.kind().exitCode();
        }
    }

    /**
     * Reads secrets from the terminal without echo when one is attached, or else one line each
     * from the input. Confirmations are always given: running the command is the confirmation.
     */
    private static final class StreamPrompter implements Prompter {

        private final InputStream in;
        private BufferedReader lines;

        StreamPrompter(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean interactive() {
            return terminal() != null;
        }

        @Override
        public char[] readSecret(String prompt) throws ConsoleException {
            Console console = terminal();
            if (console != null) {
                char[] secret = console.readPassword("%s", prompt);
                if (secret == null) {
                    throw ConsoleException.usage("No password given; nothing was changed");
                }
                return secret;
            }
            try {
                if (lines == null) {
                    lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                String line = lines.readLine();
                if (line == null) {
                    throw ConsoleException.usage("No password given: standard input ended; pipe it in, one line each");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw ConsoleException.usage("Reading the password from standard input failed: " + e.getMessage());
            }
        }

        @Override
        public boolean confirm(String question) {
            return true;
        }

        /** Returns the console when the input is the JVM's own and a terminal is attached to it. */
        private Console terminal() {
            Console console = System.console();
            return in == System.in && console != null && console.isTerminal() ? console : null;
        }
    }
}
