package dev.tern.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a supervisor starts, restarts and stops one child, as OTP's child specification.
 *
 * @param id       unique among the supervisor's children; used in reports and by terminateChild
 * @param start    starts the child linked to the calling supervisor and returns its pid
 * @param restart  when the child is restarted
 * @param shutdown how the child is stopped
 * @param type     worker or supervisor; a supervisor child defaults to an infinite shutdown
 */
public record ChildSpec(String id, ChildStart start, Restart restart, Shutdown shutdown, ChildType type) {

    public ChildSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(type, "type");
    }

    /** A permanent worker stopped with a 5-second shutdown timeout, OTP's defaults. */
    public static ChildSpec worker(String id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.timeout(Duration.ofSeconds(5)), ChildType.WORKER);
    }

    /** A permanent child supervisor with an infinite shutdown, OTP's defaults. */
    public static ChildSpec supervisor(String id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.INFINITY, ChildType.SUPERVISOR);
    }

    public ChildSpec withRestart(Restart value) {
        return new ChildSpec(id, start, value, shutdown, type);
    }

    public ChildSpec withShutdown(Shutdown value) {
        return new ChildSpec(id, start, restart, value, type);
    }

    /** Starts a child; runs inside the supervisor process so a start-link links to it. */
    @FunctionalInterface
    public interface ChildStart {

        /**
         * Starts the child and returns its pid, linked to the caller.
         *
         * @param extraArgs for a simple_one_for_one child the arguments given to startChild, else empty
         */
        Pid start(Kernel kernel, List<Object> extraArgs) throws Exception;
    }

    /** When a child that ended is started again, as OTP's restart types. */
    public enum Restart {
        /** Always restarted. */
        PERMANENT,
        /** Restarted only after an abnormal exit (not normal, shutdown or {shutdown, _}). */
        TRANSIENT,
        /** Never restarted. */
        TEMPORARY
    }

    /** Whether a child is a worker or itself a supervisor. */
    public enum ChildType {
        WORKER,
        SUPERVISOR
    }

    /** How a child is stopped: killed at once, asked with a timeout before kill, or waited for without limit. */
    public sealed interface Shutdown {

        /** Kill the child at once with an untrappable exit. */
        Shutdown BRUTAL_KILL = new BrutalKill();

        /** Ask the child to stop and wait as long as it takes; for child supervisors. */
        Shutdown INFINITY = new Infinity();

        static Shutdown timeout(Duration timeout) {
            return new Timeout(timeout);
        }

        record BrutalKill() implements Shutdown {
        }

        record Infinity() implements Shutdown {
        }

        /** Send {@code shutdown}, wait up to {@code timeout}, then kill. */
        record Timeout(Duration timeout) implements Shutdown {
            public Timeout {
                if (timeout.isNegative()) {
                    throw new IllegalArgumentException("Shutdown timeout must not be negative, got " + timeout);
                }
            }
        }
    }
}
