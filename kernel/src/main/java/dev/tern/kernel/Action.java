package dev.tern.kernel;

import java.time.Duration;
import java.util.Objects;

/**
 * A transition action of a {@link GenStatem}, as OTP's {@code gen_statem} actions. The
 * engine runs a list of them in order. Replies go out at once, the others set options of
 * the transition, and the last timeout action of each type wins.
 *
 * <p>A state enter call may only reply and start or cancel timeouts. A {@link Postpone} or
 * {@link NextEvent} there stops the process with {@code {bad_return_value, Transition}}.
 * {@code init} may return any action, but {@link Postpone} is ignored there because no event
 * exists to postpone.
 */
public sealed interface Action {

    /** A request to keep the current event and retry it after the next state change. */
    record Postpone() implements Action {
    }

    /**
     * An event to handle next, before queued and new messages. Several inserted events run in
     * the order of the action list.
     */
    record NextEvent(EventType type, Object content) implements Action {
        public NextEvent {
            Objects.requireNonNull(type, "type");
            if (type instanceof EventType.Enter) {
                throw new IllegalArgumentException("Invalid type " + type + " for an inserted event, because a "
                        + "state enter call is no event. Use EventType.INTERNAL for the state machine's own events");
            }
        }
    }

    /** A reply to the call that {@code from} came with. A second reply to the same call is dropped. */
    record Reply(From from, Object reply) implements Action {
        public Reply {
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * A start of the timeout of {@code type} (state, event or a named generic timeout) that
     * replaces a running one of the same type. Zero time queues the timeout event after the
     * events already queued but before any message not yet handled.
     */
    record StartTimeout(EventType type, Duration time, Object content) implements Action {
        public StartTimeout {
            requireTimeoutType(type);
            Objects.requireNonNull(time, "time");
            if (time.isNegative()) {
                throw new IllegalArgumentException("Invalid timeout time " + time + ", expected zero or more");
            }
        }
    }

    /** A cancel of the timeout of {@code type}, which does nothing when that timeout is not running. */
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

    /**
     * Starts the state timeout, which a later state change cancels. Started in a transition
     * that changes state, it runs in the new state.
     */
    static Action stateTimeout(Duration time, Object content) {
        return new StartTimeout(EventType.STATE_TIMEOUT, time, content);
    }

    /** Starts the event timeout, which any event cancels, inserted and retried events included. */
    static Action eventTimeout(Duration time, Object content) {
        return new StartTimeout(EventType.EVENT_TIMEOUT, time, content);
    }

    /** Starts the generic timeout {@code name}, which state changes do not cancel. */
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
            throw new IllegalArgumentException("Invalid timeout type " + type
                    + ", expected a state, event or generic timeout type");
        }
    }
}
