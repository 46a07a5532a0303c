package dev.tern.console;

import java.util.List;

/**
 * One command, {@code <group> <name> <arguments>}, such as {@code users add NAME}.
 *
 * @param usage     the arguments as help shows them, such as {@code NAME VERSION}
 * @param arguments the kind of each argument, for completion
 */
record Command(String group, String name, String usage, String summary, List<ArgumentKind> arguments,
        Handler handler) {

    /** The code of a command. */
    @FunctionalInterface
    interface Handler {
        void run(Invocation call) throws ConsoleException;
    }

    static Command of(String group, String name, String usage, String summary, Handler handler,
            ArgumentKind... arguments) {
        return new Command(group, name, usage, summary, List.of(arguments), handler);
    }

    /** Returns the command as typed, with its usage: {@code users add NAME}. */
    String synopsis() {
        return (group + " " + name + " " + usage).strip();
    }
}
