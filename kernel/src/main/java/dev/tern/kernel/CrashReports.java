package dev.tern.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Crash and supervisor reports, as OTP's logger events: one structured log event per fact,
 * with fixed key-value fields (pid, name, reason, and for supervisors the child id and the
 * report kind) so a log pipeline can filter on them.
 */
final class CrashReports {

    private static final Logger CRASH = LoggerFactory.getLogger("tern.kernel.crash");
    private static final Logger SUPERVISOR = LoggerFactory.getLogger("tern.kernel.supervisor");

    /** The supervisor report kinds, named as OTP names them. */
    enum SupervisorReport {
        CHILD_TERMINATED,
        START_ERROR,
        SHUTDOWN_ERROR,
        REACHED_MAX_RESTART_INTENSITY
    }

    private final String node;

    CrashReports(String node) {
        this.node = node;
    }

    /** Logs a process that ended abnormally through its own code, once. */
    void crash(ProcessCell cell, ExitReason reason, Object lastMessage) {
        Throwable cause = reason instanceof ExitReason.Crash crash ? crash.cause() : null;
        CRASH.atError()
                .addKeyValue("node", node)
                .addKeyValue("pid", cell.pid)
                .addKeyValue("name", cell.registeredName)
                .addKeyValue("reason", reason)
                .addKeyValue("last_message", lastMessage)
                .setCause(cause)
                .log("Process {} ('{}') crashed with reason {} while handling {}",
                        cell.pid, cell.registeredName, reason, lastMessage);
    }

    void terminateFailed(ProcessCell cell, ExitReason reason, RuntimeException error) {
        CRASH.atError()
                .addKeyValue("node", node)
                .addKeyValue("pid", cell.pid)
                .addKeyValue("reason", reason)
                .setCause(error)
                .log("Process {} failed in terminate while exiting with reason {}", cell.pid, reason);
    }

    /** Logs a supervisor report with OTP's fields: supervisor, report kind, child and reason. */
    void supervisor(Pid supervisor, String supervisorName, SupervisorReport kind, Object childId, Pid child,
            Object reason) {
        Level level = kind == SupervisorReport.CHILD_TERMINATED ? Level.WARN : Level.ERROR;
        SUPERVISOR.atLevel(level)
                .addKeyValue("node", node)
                .addKeyValue("supervisor", supervisor)
                .addKeyValue("supervisor_name", supervisorName)
                .addKeyValue("report", kind.name().toLowerCase(java.util.Locale.ROOT))
                .addKeyValue("child_id", childId)
                .addKeyValue("child_pid", child)
                .addKeyValue("reason", reason)
                .log("Supervisor {} ('{}') report {}: child '{}' ({}) reason {}", supervisor, supervisorName,
                        kind.name().toLowerCase(java.util.Locale.ROOT), childId, child, reason);
    }
}
