package dev.tern.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code server status} and {@code server stop}, on {@code tern:type=Server}. */
final class ServerCommands {

    private ServerCommands() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("server", "status", "", "domain, version, uptime, memory, counts and listeners",
                        ServerCommands::status),
                Command.of("server", "stop", "", "close every stream with system-shutdown and stop the server",
                        ServerCommands::stop));
    }

    private static void status(Invocation call) throws ConsoleException {
        call.requireAtMost(0);
        Map<?, ?> server = JolokiaClient.map(call.client().read(Beans.SERVER, null));
        call.output().show(server, out -> {
            long heapMax = Format.number(server.get("HeapMaxBytes"));
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] {"Domain", Format.text(server.get("Domain"))});
            lines.add(new String[] {"Version", Format.text(server.get("Version"))});
            lines.add(new String[] {"Started", Format.text(server.get("StartedAt"))});
            lines.add(new String[] {"Uptime", Format.duration(Format.number(server.get("UptimeSeconds")))});
            lines.add(new String[] {"Heap", Format.mebibytes(Format.number(server.get("HeapUsedBytes"))) + " used of "
                    + (heapMax < 0 ? "no maximum" : Format.mebibytes(heapMax))});
            lines.add(new String[] {"Processes", Format.text(server.get("ProcessCount"))});
            lines.add(new String[] {"Sessions", Format.text(server.get("SessionCount"))});
            lines.add(new String[] {"Connections", Format.text(server.get("ConnectionCount"))});
            lines.add(new String[] {"Listeners", Format.text(server.get("Listeners"))});
            Table.keyValues(out, lines);
        });
    }

    private static void stop(Invocation call) throws ConsoleException {
        call.requireAtMost(0);
        if (!call.prompter().confirm("Stop the server at " + call.client().url() + "? Every client is disconnected.")) {
            call.output().progress("Not stopped");
            return;
        }
        call.client().exec(Beans.SERVER, "stop");
        call.output().done(Map.of("stopping", true), "The server is stopping; every stream gets system-shutdown");
    }
}
