package dev.tern.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code processes tree|top|info|kill}, on hotload's {@code tern:type=Processes}. */
final class ProcessCommands {

    private ProcessCommands() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("processes", "tree", "", "every process under its parent, supervisors first",
                        ProcessCommands::tree),
                Command.of("processes", "top", "", "the busiest processes, refreshed until a key is pressed",
                        ProcessTop::run),
                Command.of("processes", "info", "PID", "one process: status, mailbox, links, monitors, children",
                        ProcessCommands::info, ArgumentKind.PID),
                Command.of("processes", "kill", "PID REASON",
                        "send an exit signal: kill always ends it, shutdown unless it traps exits",
                        ProcessCommands::kill, ArgumentKind.PID, ArgumentKind.EXIT_REASON));
    }

    /** Returns every live process from the server, by serial number. */
    static List<Map<?, ?>> fetch(Invocation call) throws ConsoleException {
        List<Map<?, ?>> processes = new ArrayList<>();
        for (Object item : JolokiaClient.list(call.client().exec(Beans.PROCESSES, "list"))) {
            processes.add((Map<?, ?>) item);
        }
        return processes;
    }

    /** Returns a process's registered name, or its behaviour's simple class name. */
    static String label(Map<?, ?> process) {
        Object name = process.get("name");
        if (name != null) {
            return name.toString();
        }
        String behaviour = Format.text(process.get("behaviour"));
        return behaviour.substring(behaviour.lastIndexOf('.') + 1);
    }

    private static void tree(Invocation call) throws ConsoleException {
        call.requireAtMost(0);
        List<Map<?, ?>> processes = fetch(call);
        Map<String, Map<?, ?>> byPid = new LinkedHashMap<>();
        processes.forEach(process -> byPid.put(String.valueOf(process.get("pid")), process));
        Map<String, List<Map<?, ?>>> children = new LinkedHashMap<>();
        List<Map<?, ?>> roots = new ArrayList<>();
        for (Map<?, ?> process : processes) {
            String parent = Format.string(process.get("parent"));
            if (parent == null || !byPid.containsKey(parent)) {
                roots.add(process);
            } else {
                children.computeIfAbsent(parent, key -> new ArrayList<>()).add(process);
            }
        }
        List<Map<String, Object>> nested = roots.stream().map(root -> nest(root, children)).toList();
        call.output().show(nested, out -> {
            for (Map<?, ?> root : roots) {
                printNode(out, root, children, "", "");
            }
            out.println(processes.size() == 1 ? "1 process" : processes.size() + " processes");
        });
    }

    private static Map<String, Object> nest(Map<?, ?> process, Map<String, List<Map<?, ?>>> children) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("pid", process.get("pid"));
        node.put("name", process.get("name"));
        node.put("behaviour", process.get("behaviour"));
        node.put("status", process.get("status"));
        node.put("module", process.get("module"));
        node.put("children", children.getOrDefault(String.valueOf(process.get("pid")), List.of()).stream()
                .map(child -> nest(child, children))
                .toList());
        return node;
    }

    private static void printNode(PrintWriter out, Map<?, ?> process, Map<String, List<Map<?, ?>>> children,
            String firstPrefix, String restPrefix) {
        Object module = process.get("module");
        out.println(firstPrefix + process.get("pid") + " " + label(process) + " " + process.get("status")
                + (Format.number(process.get("mailboxLength")) > 0 ? " mailbox=" + process.get("mailboxLength") : "")
                + (module != null ? " module=" + module : ""));
        List<Map<?, ?>> below = children.getOrDefault(String.valueOf(process.get("pid")), List.of());
        below = below.stream().sorted(Comparator.comparingLong(child -> Format.number(child.get("serial")))).toList();
        for (int i = 0; i < below.size(); i++) {
            boolean last = i == below.size() - 1;
            printNode(out, below.get(i), children, restPrefix + (last ? "`- " : "|- "), restPrefix + (last ? "   " : "|  "));
        }
    }

    private static void info(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        Map<?, ?> process = JolokiaClient.map(call.client().exec(Beans.PROCESSES, "info",
                Pids.serial(call.argument(0))));
        call.output().show(process, out -> {
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] {"Pid", Format.text(process.get("pid"))});
            lines.add(new String[] {"Name", Format.text(process.get("name"))});
            lines.add(new String[] {"Behaviour", Format.text(process.get("behaviour"))});
            lines.add(new String[] {"Status", Format.text(process.get("status"))});
            lines.add(new String[] {"Mailbox", Format.text(process.get("mailboxLength"))});
            lines.add(new String[] {"Handled", Format.text(process.get("handled"))});
            lines.add(new String[] {"Traps exits", Format.text(process.get("trapExit"))});
            lines.add(new String[] {"Parent", Format.text(process.get("parent"))});
            lines.add(new String[] {"Children", Format.text(process.get("children"))});
            lines.add(new String[] {"Links", Format.text(process.get("links"))});
            lines.add(new String[] {"Monitors", Format.text(process.get("monitors"))});
            lines.add(new String[] {"Monitored by", Format.text(process.get("monitoredBy"))});
            lines.add(new String[] {"Module", Format.text(process.get("module"))});
            Table.keyValues(out, lines);
        });
    }

    private static void kill(Invocation call) throws ConsoleException {
        call.requireAtMost(2);
        long serial = Pids.serial(call.argument(0));
        String reason = call.argument(1);
        String pid = "<0." + serial + ".0>";
        if (!call.prompter().confirm("Send exit signal '" + reason + "' to " + pid + "?")) {
            call.output().progress("No signal sent");
            return;
        }
        call.client().exec(Beans.PROCESSES, "kill", serial, reason);
        call.output().done(Map.of("pid", pid, "reason", reason), "Sent exit signal '" + reason + "' to " + pid);
    }
}
