package dev.tern.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fetches completion candidates from the server. A failure yields no candidates, because a
 * completion that fails must not interrupt typing; the command itself reports the error.
 */
final class Candidates {

    private static final List<String> EXIT_REASONS = List.of("kill", "shutdown", "normal");
    private static final List<String> LOGGERS = List.of("ROOT", "dev.tern", "dev.tern.server", "dev.tern.hotload",
            "dev.tern.kernel", "org.jolokia");

    private final JolokiaClient client;

    Candidates(JolokiaClient client) {
        this.client = client;
    }

    /**
     * Returns the values that argument {@code kind} may take.
     *
     * @param previous the argument before this one, which names the module for {@link ArgumentKind#MODULE_VERSION}
     */
    List<String> values(ArgumentKind kind, String previous) {
        try {
            return switch (kind) {
                case USER -> strings(client.exec(Beans.USERS, "list", "", 1000));
                case SESSION_JID, JID -> jids();
                case MODULE -> field(client.exec(Beans.MODULES, "list"), "name");
                case AVAILABLE_MODULE -> availableNames();
                case MODULE_VERSION -> ModuleCommands.versions(JolokiaClient.list(client.exec(Beans.MODULES,
                        "available")), previous);
                case PID -> field(client.exec(Beans.PROCESSES, "list"), "serial");
                case EXIT_REASON -> EXIT_REASONS;
                case LOGGER -> loggers();
                case LEVEL -> LogCommands.LEVELS;
                case TEXT -> List.of();
            };
        } catch (ConsoleException | RuntimeException e) {
            return List.of();
        }
    }

    /** Returns each bound full JID and, for users with sessions, the bare JID. */
    private List<String> jids() throws ConsoleException {
        Set<String> jids = new LinkedHashSet<>();
        for (String full : field(client.exec(Beans.SESSIONS, "list"), "jid")) {
            int slash = full.indexOf('/');
            jids.add(slash < 0 ? full : full.substring(0, slash));
            jids.add(full);
        }
        return List.copyOf(jids);
    }

    private List<String> availableNames() throws ConsoleException {
        Set<String> names = new LinkedHashSet<>();
        for (String path : strings(client.exec(Beans.MODULES, "available"))) {
            names.add(path.substring(0, Math.max(0, path.indexOf('/'))));
        }
        return List.copyOf(names);
    }

    private List<String> loggers() throws ConsoleException {
        Set<String> loggers = new LinkedHashSet<>(LOGGERS);
        loggers.addAll(field(client.exec(Beans.LOGGING, "loggers"), "logger"));
        return List.copyOf(loggers);
    }

    private static List<String> strings(Object value) {
        return JolokiaClient.list(value).stream().map(String::valueOf).toList();
    }

    private static List<String> field(Object value, String key) {
        List<String> values = new ArrayList<>();
        for (Object item : JolokiaClient.list(value)) {
            values.add(String.valueOf(((Map<?, ?>) item).get(key)));
        }
        return values;
    }
}
