package dev.tern.kernel;

import java.time.Duration;
import java.util.Objects;

/**
 * A transition action of a {@link GenStatem}, as OTP's {@code gen_statem} actions. The
 * engine runs a list of them in order: replies go out at once, the others set options of
 * the transition, and the last timeout action of each type wins.
 *
 * <p>A state enter call may only reply and start or cancel timeouts; {@link Postpone} or
 * {@link NextEvent} there stops the process with {@code {bad_return_value, Transition}}.
 * {@code init} may return any action, but {@link Postpone} is ignored there because no event
 * exists to postpone.
 */
public sealed interface Action {

    /** Keep the current event and retry it after the next state change. */
    record Postpone() implements Action {
    }

    /**
     * Handle this event next, before queued and new messages. Several inserted events run in
     * the order of the action list.
     */
    record NextEvent(EventType type, Object content) implements Action {
        public NextEvent {
            Objects.requireNonNull(type, "type");
            if (type instanceof EventType.Enter) {
                throw new IllegalArgumentException("A state enter call is no event and cannot be inserted; "
                        + "use EventType.INTERNAL for an event of the state machine's own");
            }
        }
    }

    /** Answer the call that {@code from} came with; a second answer to the same call is dropped. */
    record Reply(From from, Object reply) implements Action {
        public Reply {
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * Start the timeout of {@code type} (state, event or a named generic timeout), replacing
     * one of the same type that is running. Zero time queues the timeout event after the
     * events already queued but before any message not yet handled.
     */
    record StartTimeout(EventType type, Duration time, Object content) implements Action {
        public StartTimeout {
            requireTimeoutType(type);
            Objects.requireNonNull(time, "time");
            if (time.isNegative()) {
                throw new IllegalArgumentException("Timeout time must be zero or positive, got " + time);
            }
        }
    }

    /** Cancel the timeout of {@code type} if it is running. */
    record CancelTimeout(EventType type) implements Action {
        public CancelTimeout {
            requireTimeoutType(type);
        }
    }

    static Action postpone() {
        return new Postpone();
    }

    static Action nextEvent(EventType type, Object content) {
        return new NextEvent(type, content);
    }

    static Reply reply(From from, Object reply) {
        return new Reply(from, reply);
    }

    /** Starts the state timeout; a state change cancels it, also one in this same transition. */
    static Action stateTimeout(Duration time, Object content) {
        return new StartTimeout(EventType.STATE_TIMEOUT, time, content);
    }

    /** Starts the event timeout; any event cancels it, including inserted and retried ones. */
    static Action eventTimeout(Duration time, Object content) {
        return new StartTimeout(EventType.EVENT_TIMEOUT, time, content);
    }

    /** Starts the generic timeout {@code name}; it survives state changes. */
    static Action genericTimeout(Object name, Duration time, Object content) {
        return new StartTimeout(EventType.genericTimeout(name), time, content);
    }

    static Action cancelStateTimeout() {
        return new CancelTimeout(EventType.STATE_TIMEOUT);
    }

    static Action cancelEventTimeout() {
        return new CancelTimeout(EventType.EVENT_TIMEOUT);
    }

    static Action cancelGenericTimeout(Object name) {
        return new CancelTimeout(EventType.genericTimeout(name));
    }

    private static void requireTimeoutType(EventType type) {
        Objects.requireNonNull(type, "type");
        if (!type.isTimeout()) {
            throw new IllegalArgumentException("Timeout actions take a state, event or generic timeout type, got "
                    + type);
        }
    }
}
