package dev.tern.hotload;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log event per module operation, with fixed key-value fields (operation, module,
 * from_version, to_version, duration_ms, outcome) so a log pipeline can filter on them.
 */
final class LifecycleLog {

    private static final Logger LOG = LoggerFactory.getLogger("tern.hotload.lifecycle");

    /** The operations, as the {@code operation} field spells them. */
    enum Operation { INSTALL, UNINSTALL, START, STOP, UPGRADE, ROLLBACK }

    /** The version field of an operation that has no version on one side, as install and stop. */
    static final String NONE = "none";

    private LifecycleLog() {
    }

    /** Logs a successful operation that began at {@code startNanos} ({@link System#nanoTime}). */
    static void succeeded(Operation operation, String module, String fromVersion, String toVersion, long startNanos) {
        long millis = elapsedMillis(startNanos);
        fields(LOG.atInfo(), operation, module, fromVersion, toVersion, millis, "ok")
                .log("{} module '{}' {} in {} ms", PAST.get(operation), module, versions(fromVersion, toVersion), millis);
    }

    /** Logs an operation that completed, but left {@code problems} behind. */
    static void completedWithProblems(Operation operation, String module, String fromVersion, String toVersion,
            long startNanos, String problems) {
        long millis = elapsedMillis(startNanos);
        fields(LOG.atWarn(), operation, module, fromVersion, toVersion, millis, "problems")
                .log("{} module '{}' {} in {} ms, with problems: {}", PAST.get(operation), module,
                        versions(fromVersion, toVersion), millis, problems);
    }

    /** Logs a failed operation with its cause. */
    static void failed(Operation operation, String module, String fromVersion, String toVersion, long startNanos,
            Throwable error) {
        long millis = elapsedMillis(startNanos);
        fields(LOG.atError(), operation, module, fromVersion, toVersion, millis, "failed")
                .setCause(error)
                .log("{} of module '{}' {} failed after {} ms: {}", NOUN.get(operation), module,
                        versions(fromVersion, toVersion), millis, error.getMessage());
    }

    private static final Map<Operation, String> PAST = Map.of(Operation.INSTALL, "Installed", Operation.UNINSTALL,
            "Uninstalled", Operation.START, "Started", Operation.STOP, "Stopped", Operation.UPGRADE, "Upgraded",
            Operation.ROLLBACK, "Rolled back");

    private static final Map<Operation, String> NOUN = Map.of(Operation.INSTALL, "Install", Operation.UNINSTALL,
            "Uninstall", Operation.START, "Start", Operation.STOP, "Stop", Operation.UPGRADE, "Upgrade",
            Operation.ROLLBACK, "Rollback");

    private static LoggingEventBuilder fields(LoggingEventBuilder event, Operation operation, String module,
            String fromVersion, String toVersion, long millis, String outcome) {
        return event.addKeyValue("operation", operation.name().toLowerCase(Locale.ROOT))
                .addKeyValue("module", module)
                .addKeyValue("from_version", fromVersion)
                .addKeyValue("to_version", toVersion)
                .addKeyValue("duration_ms", millis)
                .addKeyValue("outcome", outcome);
    }

    /** Writes "version '1.0'" for an install, start, stop or uninstall, and "from '1.0' to '2.0'" otherwise. */
    private static String versions(String fromVersion, String toVersion) {
        if (NONE.equals(fromVersion)) {
            return "version '" + toVersion + "'";
        }
        if (NONE.equals(toVersion)) {
            return "version '" + fromVersion + "'";
        }
        return "from '" + fromVersion + "' to '" + toVersion + "'";
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
