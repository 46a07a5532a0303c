package dev.tern.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * The interactive shell: a prompt with the server's domain, tab completion, history in a file,
 * and one command per line until {@code exit}, {@code quit} or end of input. A failed command
 * prints its error and the shell goes on.
 */
public final class Shell {

    private static final String JSON_FLAG = "--json";

    private final Terminal terminal;
    private final JolokiaClient client;
    private final CommandSet commands = CommandSet.standard();
    private final Path historyFile;
    private final boolean json;

    /**
     * @param historyFile where the history is kept across runs, or null to keep none
     * @param json        whether every command prints JSON, as if each ended in {@code --json}
     */
    public Shell(Terminal terminal, JolokiaClient client, Path historyFile, boolean json) {
        this.terminal = terminal;
        this.client = client;
        this.historyFile = historyFile;
        this.json = json;
    }

    /** Runs until the administrator leaves; returns 0, or the exit code of the first connection failure. */
    public int run() {
        PrintWriter out = terminal.writer();
        String domain;
        try {
            domain = String.valueOf(client.read(Beans.SERVER, "Domain"));
        } catch (ConsoleException e) {
            out.println(e.getMessage());
            out.flush();
            return e.kind().exitCode();
        }

        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("tern")
                .parser(new DefaultParser())
                .completer(new ConsoleCompleter(commands, new Candidates(client)));
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        Prompter prompter = new ShellPrompter(terminal);
        out.println("Connected to '" + domain + "' at " + client.url() + ". Type 'help' for the commands, "
                + "Tab to complete, 'exit' or Ctrl-D to leave.");
        out.flush();

        while (true) {
            String line;
            try {
                line = reader.readLine(domain + "> ");
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = new ArrayList<>(reader.getParsedLine().words());
            words.removeIf(String::isEmpty);
            if (words.isEmpty() || line.isBlank()) {
                continue;
            }
            if (words.getFirst().equals("exit") || words.getFirst().equals("quit")) {
                break;
            }
            boolean jsonHere = words.remove(JSON_FLAG) || json;
            try {
                commands.run(words, client, new Output(out, jsonHere), prompter, terminal);
            } catch (ConsoleException e) {
                out.println(e.getMessage());
                out.flush();
            }
        }
        saveHistory(reader, out);
        return 0;
    }

    private static void saveHistory(LineReader reader, PrintWriter out) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("Saving the history failed: " + e.getMessage());
            out.flush();
        }
    }

    /** Asks on the shell's terminal, through a reader without history so that no secret reaches the history file. */
    private static final class ShellPrompter implements Prompter {

        private final LineReader secrets;

        ShellPrompter(Terminal terminal) {
            this.secrets = LineReaderBuilder.builder().terminal(terminal).appName("tern-prompt").build();
        }

        @Override
        public boolean interactive() {
            return true;
        }

        @Override
        public char[] readSecret(String prompt) throws ConsoleException {
            try {
                return secrets.readLine(prompt, '*').toCharArray();
            } catch (EndOfFileException | UserInterruptException e) {
                throw ConsoleException.usage("No password given; nothing was changed");
            }
        }

        @Override
        public boolean confirm(String question) throws ConsoleException {
            try {
                String answer = secrets.readLine(question + " [y/N] ").strip();
                return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
            } catch (EndOfFileException | UserInterruptException e) {
                return false;
            }
        }
    }
}
