package dev.tern.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code modules list|info|available|start|stop|install|upgrade|rollback}, on hotload's module MXBeans. */
final class ModuleCommands {

    private ModuleCommands() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("modules", "list", "", "installed modules with version and state", ModuleCommands::list),
                Command.of("modules", "info", "NAME", "one module's processes, registrations and versions",
                        ModuleCommands::info, ArgumentKind.MODULE),
                Command.of("modules", "available", "", "the module versions in the repository",
                        ModuleCommands::available),
                Command.of("modules", "start", "NAME", "start an installed module", ModuleCommands::start,
                        ArgumentKind.MODULE),
                Command.of("modules", "stop", "NAME", "stop a running module", ModuleCommands::stop,
                        ArgumentKind.MODULE),
                Command.of("modules", "install", "NAME VERSION", "load and verify a version from the repository",
                        ModuleCommands::install, ArgumentKind.AVAILABLE_MODULE, ArgumentKind.MODULE_VERSION),
                Command.of("modules", "upgrade", "NAME VERSION", "replace the running version without stopping it",
                        ModuleCommands::upgrade, ArgumentKind.MODULE, ArgumentKind.MODULE_VERSION),
                Command.of("modules", "rollback", "NAME", "return to the version the last upgrade replaced",
                        ModuleCommands::rollback, ArgumentKind.MODULE));
    }

    private static void list(Invocation call) throws ConsoleException {
        call.requireAtMost(0);
        List<?> modules = JolokiaClient.list(call.client().exec(Beans.MODULES, "list"));
        call.output().show(modules, out -> {
            if (modules.isEmpty()) {
                out.println("No module is installed; 'modules available' lists the repository");
                return;
            }
            Table table = new Table("NAME", "VERSION", "STATE", "STARTED", "PROCESSES", "PREVIOUS");
            for (Object item : modules) {
                Map<?, ?> module = (Map<?, ?>) item;
                table.row(module.get("name"), module.get("version"), module.get("state"), module.get("startedAt"),
                        JolokiaClient.list(module.get("processes")).size(), module.get("previousVersions"));
            }
            table.print(out);
        });
    }

    private static void info(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        String name = call.argument(0);
        Map<?, ?> module = JolokiaClient.map(call.client().read(Beans.module(name), null));
        List<String> available = versions(call, name);
        call.output().show(Map.of("module", module, "available", available), out -> {
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] {"Name", Format.text(module.get("Name"))});
            lines.add(new String[] {"Version", Format.text(module.get("Version"))});
            lines.add(new String[] {"State", Format.text(module.get("State"))});
            lines.add(new String[] {"Started", Format.text(module.get("StartedAt"))});
            lines.add(new String[] {"Processes", Format.text(module.get("Processes"))});
            lines.add(new String[] {"Registrations", Format.text(module.get("Registrations"))});
            lines.add(new String[] {"Timers", Format.text(module.get("Timers"))});
            lines.add(new String[] {"Threads", Format.text(module.get("Threads"))});
            lines.add(new String[] {"Previous", Format.text(module.get("PreviousVersions"))});
            lines.add(new String[] {"Available", Format.text(available)});
            lines.add(new String[] {"Last error", Format.text(module.get("LastError"))});
            Table.keyValues(out, lines);
        });
    }

    private static void available(Invocation call) throws ConsoleException {
        call.requireAtMost(0);
        List<?> paths = JolokiaClient.list(call.client().exec(Beans.MODULES, "available"));
        call.output().show(paths, out -> {
            Table table = new Table("NAME", "VERSION");
            for (Object path : paths) {
                String[] parts = path.toString().split("/", 2);
                table.row(parts[0], parts.length > 1 ? parts[1] : null);
            }
            table.print(out);
        });
    }

    private static void start(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        Map<?, ?> module = JolokiaClient.map(call.client().exec(Beans.MODULES, "start", call.argument(0)));
        call.output().done(module, "Started '" + module.get("name") + "' " + module.get("version"));
    }

    private static void stop(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        Map<?, ?> module = JolokiaClient.map(call.client().exec(Beans.MODULES, "stop", call.argument(0)));
        call.output().done(module, "Stopped '" + module.get("name") + "' " + module.get("version"));
    }

    private static void install(Invocation call) throws ConsoleException {
        call.requireAtMost(2);
        String path = call.argument(0) + "/" + call.argument(1);
        Map<?, ?> module = JolokiaClient.map(call.client().exec(Beans.MODULES, "install", path));
        call.output().done(module, "Installed '" + module.get("name") + "' " + module.get("version") + " ("
                + module.get("state") + "); 'modules start " + module.get("name") + "' runs it");
    }

    private static void upgrade(Invocation call) throws ConsoleException {
        call.requireAtMost(2);
        String name = call.argument(0);
        String version = call.argument(1);
        Object from = call.client().read(Beans.module(name), "Version");
        Progress.Timed upgrade = Progress.exec(call, "Upgrading '" + name + "' from " + from + " to " + version,
                Beans.MODULES, "upgrade", name, version);
        Map<?, ?> module = JolokiaClient.map(upgrade.value());
        call.output().done(module, "Upgraded '" + name + "' from " + from + " to " + module.get("version") + " in "
                + upgrade.seconds() + "; 'modules rollback " + name + "' returns to " + from);
    }

    private static void rollback(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        String name = call.argument(0);
        Object from = call.client().read(Beans.module(name), "Version");
        Progress.Timed rollback = Progress.exec(call, "Rolling '" + name + "' back from " + from, Beans.MODULES,
                "rollback", name);
        Map<?, ?> module = JolokiaClient.map(rollback.value());
        call.output().done(module, "Rolled '" + name + "' back from " + from + " to " + module.get("version") + " in "
                + rollback.seconds());
    }

    /** Returns the versions of module {@code name} in the repository. */
    static List<String> versions(Invocation call, String name) throws ConsoleException {
        return versions(JolokiaClient.list(call.client().exec(Beans.MODULES, "available")), name);
    }

    static List<String> versions(List<?> paths, String name) {
        String prefix = name + "/";
        return paths.stream()
                .map(Object::toString)
                .filter(path -> path.startsWith(prefix))
                .map(path -> path.substring(prefix.length()))
                .toList();
    }
}
