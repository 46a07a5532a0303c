package dev.tern.console;

import java.util.List;
import org.jline.terminal.Terminal;

/**
 * One run of a command: its arguments and what it may use.
 *
 * @param terminal the interactive terminal, or null in {@code ctl}
 */
record Invocation(Command command, List<String> arguments, JolokiaClient client, Output output, Prompter prompter,
        Terminal terminal) {

    boolean interactive() {
        return terminal != null;
    }

    /** Returns argument {@code index}, failing with the usage when it is missing. */
    String argument(int index) throws ConsoleException {
        if (index >= arguments.size()) {
            throw ConsoleException.usage("Missing argument; usage: " + command.synopsis());
        }
        return arguments.get(index);
    }

    /** Returns the arguments from {@code index} on joined by spaces, failing when there are none. */
    String text(int index) throws ConsoleException {
        if (index >= arguments.size()) {
            throw ConsoleException.usage("Missing text; usage: " + command.synopsis());
        }
        return String.join(" ", arguments.subList(index, arguments.size()));
    }

    /** Fails with the usage when more than {@code count} arguments were given. */
    void requireAtMost(int count) throws ConsoleException {
        if (arguments.size() > count) {
            throw ConsoleException.usage("Too many arguments; usage: " + command.synopsis());
        }
    }
}
