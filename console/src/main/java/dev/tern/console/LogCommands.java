package dev.tern.console;

import java.util.List;
import java.util.Map;

/** {@code log show|set}, on {@code tern:type=Logging}. */
final class LogCommands {

    /** The levels Logback accepts, and INHERIT to remove a logger's own level. */
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF", "INHERIT");

    private LogCommands() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("log", "show", "[LOGGER]", "the loggers with a level of their own, or one logger's level",
                        LogCommands::show, ArgumentKind.LOGGER),
                Command.of("log", "set", "LOGGER LEVEL",
                        "set a level (TRACE to ERROR, OFF) until restart; INHERIT removes it; ROOT is the root logger",
                        LogCommands::set, ArgumentKind.LOGGER, ArgumentKind.LEVEL));
    }

    private static void show(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        if (call.arguments().isEmpty()) {
            List<?> loggers = JolokiaClient.list(call.client().exec(Beans.LOGGING, "loggers"));
            call.output().show(loggers, out -> {
                Table table = new Table("LOGGER", "LEVEL");
                loggers.forEach(item -> table.row(((Map<?, ?>) item).get("logger"), ((Map<?, ?>) item).get("level")));
                table.print(out);
            });
            return;
        }
        Map<?, ?> logger = JolokiaClient.map(call.client().exec(Beans.LOGGING, "getLevel", call.argument(0)));
        call.output().done(logger, describe(logger));
    }

    private static void set(Invocation call) throws ConsoleException {
        call.requireAtMost(2);
        Map<?, ?> logger = JolokiaClient.map(call.client().exec(Beans.LOGGING, "setLevel", call.argument(0),
                call.argument(1)));
        call.output().done(logger, describe(logger));
    }

    private static String describe(Map<?, ?> logger) {
        Object level = logger.get("level");
        return logger.get("logger") + ": " + (level != null ? level : "inherits " + logger.get("effectiveLevel"));
    }
}
