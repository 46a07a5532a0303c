package dev.tern.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.terminal.Terminal;

/** The command groups, their help, and the dispatch of a command line to its command. */
final class CommandSet {

    /**
     * A group of commands such as {@code users}.
     *
     * @param unavailable why the group has no commands yet, or null when it has some
     */
    record Group(String name, String summary, List<Command> commands, String unavailable) {
    }

    static final String HELP = "help";

    private final Map<String, Group> groups = new LinkedHashMap<>();

    /** Returns every group, in the order help lists them. */
    static CommandSet standard() {
        CommandSet set = new CommandSet();
        set.add("server", "the server as a whole", ServerCommands.commands());
        set.add("users", "accounts", UserCommands.commands());
        set.add("sessions", "connected clients", SessionCommands.commands());
        set.add("roster", "contact lists", RosterCommands.commands());
        set.add("modules", "feature modules and their hot upgrade", ModuleCommands.commands());
        set.add("processes", "the kernel's processes", ProcessCommands.commands());
        set.add("messages", "messages from the server", MessageCommands.commands());
        set.add("log", "logger levels", LogCommands.commands());
        set.groups.put("muc", new Group("muc", "multi-user chat rooms", List.of(),
                "Multi-user chat (XEP-0045) is not available in this server yet"));
        return set;
    }

    private void add(String name, String summary, List<Command> commands) {
        groups.put(name, new Group(name, summary, commands, null));
    }

    List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    Optional<Command> find(String group, String name) {
        return group(group).flatMap(found -> found.commands().stream()
                .filter(command -> command.name().equals(name))
                .findFirst());
    }

    /**
     * Runs the command that {@code words} name, or help.
     *
     * @param terminal the interactive terminal, or null in {@code ctl}
     */
    void run(List<String> words, JolokiaClient client, Output output, Prompter prompter, Terminal terminal)
            throws ConsoleException {
        if (words.isEmpty()) {
            throw ConsoleException.usage("No command given; 'help' lists the commands");
        }
        if (words.getFirst().equals(HELP)) {
            help(words.subList(1, words.size()), output.writer());
            return;
        }
        Command command = resolve(words);
        List<String> arguments = List.copyOf(words.subList(2, words.size()));
        command.handler().run(new Invocation(command, arguments, client, output, prompter, terminal));
    }

    private Command resolve(List<String> words) throws ConsoleException {
        Group group = groups.get(words.getFirst());
        if (group == null) {
            throw ConsoleException.usage("Unknown command '" + words.getFirst() + "'; 'help' lists the commands");
        }
        if (group.unavailable() != null) {
            throw ConsoleException.failed(group.unavailable());
        }
        if (words.size() < 2) {
            throw ConsoleException.usage("'" + group.name() + "' needs a subcommand: " + subcommands(group)
                    + "; 'help " + group.name() + "' describes them");
        }
        return find(group.name(), words.get(1)).orElseThrow(() -> ConsoleException.usage("Unknown command '"
                + group.name() + " " + words.get(1) + "'; '" + group.name() + "' has " + subcommands(group)));
    }

    private static String subcommands(Group group) {
        return String.join(", ", group.commands().stream().map(Command::name).toList());
    }

    /** Writes the overview, one group's commands, or one command's usage. */
    void help(List<String> words, PrintWriter out) throws ConsoleException {
        if (words.isEmpty()) {
            out.println("Commands (tab completes them; 'help GROUP' describes a group):");
            for (Group group : groups.values()) {
                String names = group.unavailable() != null ? "(not available yet)" : subcommands(group);
                out.println(String.format("  %-10s %s: %s", group.name(), group.summary(), names));
            }
            out.println("  help       this overview; help GROUP or help GROUP COMMAND for details");
            out.println("Add --json to a command for its result as JSON.");
            out.flush();
            return;
        }
        Group group = groups.get(words.getFirst());
        if (group == null) {
            throw ConsoleException.usage("No help for '" + words.getFirst() + "'; 'help' lists the commands");
        }
        if (group.unavailable() != null) {
            out.println(group.unavailable());
            out.flush();
            return;
        }
        List<Command> selected = new ArrayList<>(group.commands());
        if (words.size() > 1) {
            selected.removeIf(command -> !command.name().equals(words.get(1)));
            if (selected.isEmpty()) {
                throw ConsoleException.usage("No command '" + group.name() + " " + words.get(1) + "'; '"
                        + group.name() + "' has " + subcommands(group));
            }
        }
        int width = selected.stream().mapToInt(command -> command.synopsis().length()).max().orElse(0);
        for (Command command : selected) {
            out.println("  " + command.synopsis() + " ".repeat(width - command.synopsis().length() + 2)
                    + command.summary());
        }
        out.flush();
    }
}
