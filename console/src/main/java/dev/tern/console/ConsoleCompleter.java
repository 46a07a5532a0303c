package dev.tern.console;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes the word under the cursor: the group, then its subcommand, then each argument from
 * the server (usernames, JIDs, modules and versions, pids, loggers). JLine filters the
 * candidates by what is typed so far.
 */
final class ConsoleCompleter implements Completer {

    private static final List<String> SHELL_WORDS = List.of(CommandSet.HELP, "exit", "quit");

    private final CommandSet commands;
    private final Candidates candidates;

    ConsoleCompleter(CommandSet commands, Candidates candidates) {
        this.commands = commands;
        this.candidates = candidates;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> found) {
        List<String> words = line.words();
        int index = line.wordIndex();
        if (index == 0) {
            commands.groupNames().forEach(group -> found.add(new Candidate(group)));
            SHELL_WORDS.forEach(word -> found.add(new Candidate(word)));
            return;
        }
        String group = words.getFirst();
        if (group.equals(CommandSet.HELP)) {
            if (index == 1) {
                commands.groupNames().forEach(name -> found.add(new Candidate(name)));
            } else if (index == 2) {
                subcommands(words.get(1), found);
            }
            return;
        }
        if (index == 1) {
            subcommands(group, found);
            return;
        }
        commands.find(group, words.get(1)).ifPresent(command -> {
            int position = index - 2;
            if (position < command.arguments().size()) {
                String previous = position > 0 ? words.get(index - 1) : null;
                for (String value : candidates.values(command.arguments().get(position), previous)) {
                    found.add(new Candidate(value));
                }
            }
        });
    }

    private void subcommands(String group, List<Candidate> found) {
        commands.group(group).ifPresent(match -> match.commands()
                .forEach(command -> found.add(new Candidate(command.name(), command.name(), null, command.summary(),
                        null, null, true))));
    }
}
