package dev.tern.kernel;

import java.util.Objects;

/**
 * The kind of event a {@link GenStatem} handles, as OTP's {@code gen_statem} event types,
 * plus {@link Enter} for state enter calls. Each {@code toString} is the OTP term, so logs
 * and crash reports read as in Erlang.
 *
 * <p>Types without fields are records too, so both {@code type.equals(EventType.CAST)} and
 * {@code case EventType.Cast c ->} work.
 */
public sealed interface EventType {

    /** A request sent with {@link GenStatem#call}. Reply through {@code from}. */
    record Call(From from) implements EventType {
        public Call {
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String toString() {
            return "{call, " + from + "}";
        }
    }

    /** A request sent with {@link GenStatem#cast}. */
    record Cast() implements EventType {
        @Override
        public String toString() {
            return "cast";
        }
    }

    /** Any other message: a plain send, a {@link Down}, or an {@link Exit} while trapping exits. */
    record Info() implements EventType {
        @Override
        public String toString() {
            return "info";
        }
    }

    /** An expired state timeout. A state change cancels the timeout before it expires. */
    record StateTimeout() implements EventType {
        @Override
        public String toString() {
            return "state_timeout";
        }
    }

    /** An expired event timeout, which OTP calls {@code timeout}. Any event cancels it before it expires. */
    record EventTimeout() implements EventType {
        @Override
        public String toString() {
            return "timeout";
        }
    }

    /** An expired generic timeout named {@code name}. State changes do not cancel it. */
    record GenericTimeout(Object name) implements EventType {
        public GenericTimeout {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "{timeout, " + name + "}";
        }
    }

    /** An event the state machine inserted itself with {@link Action#nextEvent}. */
    record Internal() implements EventType {
        @Override
        public String toString() {
            return "internal";
        }
    }

    /**
     * A state enter call, which is no event. The content is the old state, and the callback
     * may neither postpone nor insert events. It comes only when {@link GenStatem#stateEnter()}
     * returns true.
     */
    record Enter() implements EventType {
        @Override
        public String toString() {
            return "enter";
        }
    }

    EventType CAST = new Cast();
    EventType INFO = new Info();
    EventType STATE_TIMEOUT = new StateTimeout();
    EventType EVENT_TIMEOUT = new EventTimeout();
    EventType INTERNAL = new Internal();
    EventType ENTER = new Enter();

    static EventType call(From from) {
        return new Call(from);
    }

    static EventType genericTimeout(Object name) {
        return new GenericTimeout(name);
    }

    /** True for the three timeout types, the ones a timeout action may start or cancel. */
    default boolean isTimeout() {
        return this instanceof StateTimeout || this instanceof EventTimeout || this instanceof GenericTimeout;
    }
}
