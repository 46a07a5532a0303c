package dev.tern.kernel;

import java.util.Objects;

/**
 * Why a process ended, as Erlang's exit reasons: the atoms {@code normal}, {@code shutdown},
 * {@code kill}, {@code killed} and {@code noproc}, a tagged term such as
 * {@code {shutdown, Detail}} or {@code {bad_return_value, Value}}, or a crash carrying the
 * exception that escaped the process's code.
 */
public sealed interface ExitReason {

    /** The process finished its work; linked processes that do not trap exits ignore it. */
    ExitReason NORMAL = new Atom("normal");

    /** The process was asked to stop, usually by its supervisor. */
    ExitReason SHUTDOWN = new Atom("shutdown");

    /** An untrappable exit signal; the receiver always dies, with reason {@link #KILLED}. */
    ExitReason KILL = new Atom("kill");

    /** The reason of a process that died from a {@link #KILL} signal. */
    ExitReason KILLED = new Atom("killed");

    /** The target of a link or monitor did not exist (or had already ended). */
    ExitReason NOPROC = new Atom("noproc");

    /** A named reason without detail, written as Erlang writes an atom. */
    record Atom(String name) implements ExitReason {
        public Atom {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A named reason with a detail term, like Erlang's {@code {Tag, Detail}}. */
    record Tagged(String tag, Object detail) implements ExitReason {
        public Tagged {
            Objects.requireNonNull(tag, "tag");
        }

        @Override
        public String toString() {
            return "{" + tag + ", " + detail + "}";
        }
    }

    /** An exception escaped the process's code. */
    record Crash(Throwable cause) implements ExitReason {
        public Crash {
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String toString() {
            return "{crash, " + cause + "}";
        }
    }

    /** Returns {@code {shutdown, detail}}, a shutdown that carries why. */
    static ExitReason shutdown(Object detail) {
        return new Tagged("shutdown", detail);
    }

    /** Returns a reason named by {@code name}, reusing the predefined atoms. */
    static ExitReason atom(String name) {
        return switch (name) {
            case "normal" -> NORMAL;
            case "shutdown" -> SHUTDOWN;
            case "kill" -> KILL;
            case "killed" -> KILLED;
            case "noproc" -> NOPROC;
            default -> new Atom(name);
        };
    }

    /** True for {@code normal} only: the one reason a non-trapping linked process ignores. */
    default boolean isNormal() {
        return this.equals(NORMAL);
    }

    /**
     * True for {@code normal}, {@code shutdown} and {@code {shutdown, _}}: the reasons that
     * produce no crash report and do not restart a transient child, as in OTP.
     */
    default boolean isOrderly() {
        return this.equals(NORMAL)
                || this.equals(SHUTDOWN)
                || (this instanceof Tagged tagged && tagged.tag().equals("shutdown"));
    }
}
