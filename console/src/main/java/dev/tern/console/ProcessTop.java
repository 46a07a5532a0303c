package dev.tern.console;

import java.io.IOError;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * {@code processes top}: the processes with the longest mailboxes and the most messages handled
 * since the last refresh, like Erlang's etop. Interactive, it refreshes every second until a key
 * is pressed. In {@code ctl} or with {@code --json} it prints one snapshot.
 */
final class ProcessTop {

    private static final long REFRESH_MILLIS = 1000;
    private static final int MIN_ROWS = 10;

    private ProcessTop() {
    }

    static void run(Invocation call) throws ConsoleException {
        call.requireAtMost(0);
        if (!call.interactive() || call.output().json()) {
            List<Map<?, ?>> processes = ProcessCommands.fetch(call);
            call.output().show(processes, out -> print(out, processes, Map.of(), 0, rows(null)));
            return;
        }
        Terminal terminal = call.terminal();
        Attributes saved = terminal.enterRawMode();
        try {
            loop(call, terminal);
        } finally {
            terminal.setAttributes(saved);
        }
    }

    private static void loop(Invocation call, Terminal terminal) throws ConsoleException {
        PrintWriter out = call.output().writer();
        Map<String, Long> previous = new HashMap<>();
        long previousAt = 0;
        while (true) {
            List<Map<?, ?>> processes = ProcessCommands.fetch(call);
            long now = System.nanoTime();
            terminal.puts(Capability.clear_screen);
            print(out, processes, previous, previousAt == 0 ? 0 : now - previousAt, rows(terminal));
            out.println("Press any key to stop");
            out.flush();
            previous.clear();
            processes.forEach(process -> previous.put(String.valueOf(process.get("pid")),
                    Format.number(process.get("handled"))));
            previousAt = now;
            if (keyPressed(terminal.reader())) {
                return;
            }
        }
    }

    /** Waits up to one refresh interval for a key; end of input counts as one. */
    private static boolean keyPressed(NonBlockingReader reader) {
        try {
            return reader.read(REFRESH_MILLIS) != NonBlockingReader.READ_EXPIRED;
        } catch (IOException | IOError e) {
            return true;
        }
    }

    private static int rows(Terminal terminal) {
        return terminal == null ? 20 : Math.max(MIN_ROWS, terminal.getHeight() - 4);
    }

    /** Prints the top {@code limit} processes, with the messages handled per second over {@code elapsedNanos}. */
    private static void print(PrintWriter out, List<Map<?, ?>> processes, Map<String, Long> previous,
            long elapsedNanos, int limit) {
        Map<Map<?, ?>, Double> rates = new HashMap<>();
        for (Map<?, ?> process : processes) {
            Long before = previous.get(String.valueOf(process.get("pid")));
            if (before != null && elapsedNanos > 0) {
                rates.put(process, (Format.number(process.get("handled")) - before) * 1e9 / elapsedNanos);
            }
        }
        Comparator<Map<?, ?>> busiest = Comparator
                .comparingLong((Map<?, ?> process) -> Format.number(process.get("mailboxLength")))
                .thenComparingDouble(process -> rates.getOrDefault(process, 0.0))
                .thenComparingLong(process -> Format.number(process.get("handled")))
                .reversed();
        Table table = new Table("PID", "NAME", "STATUS", "MAILBOX", "HANDLED", "PER SECOND", "MODULE");
        processes.stream().sorted(busiest).limit(limit).forEach(process -> table.row(process.get("pid"),
                ProcessCommands.label(process), process.get("status"), process.get("mailboxLength"),
                process.get("handled"), rates.containsKey(process) ? Math.round(rates.get(process)) : null,
                process.get("module")));
        out.println(processes.size() == 1 ? "1 process" : processes.size() + " processes");
        table.print(out);
    }
}
