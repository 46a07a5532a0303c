package dev.tern.kernel;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link GenStatem#handleEvent}, as OTP's {@code gen_statem} callback results.
 * A transition to a state not {@code equals} to the current one is a <em>state change</em>:
 * it retries postponed events, cancels the state timeout and, with state enter calls on,
 * runs the enter call of the new state.
 *
 * <p>After a state enter call only {@link KeepState}, {@link RepeatState}, {@link Stop} and a
 * {@link NextState} to the current state are allowed. Anything else, null included, stops
 * the process with {@code {bad_return_value, Value}}.
 */
public sealed interface Transition<S, D> {

    /** A transition to {@code state} with {@code data}, a state change unless {@code state} equals the current one. */
    record NextState<S, D>(S state, D data, List<Action> actions) implements Transition<S, D> {
        public NextState {
            Objects.requireNonNull(state, "state");
            actions = List.copyOf(actions);
        }
    }

    /** A transition that stays in the current state, with {@code data} unless {@code keepData}. */
    record KeepState<S, D>(boolean keepData, D data, List<Action> actions) implements Transition<S, D> {
        public KeepState {
            actions = List.copyOf(actions);
        }
    }

    /**
     * A transition like {@link KeepState} that also runs the state enter call again, with the
     * current state as the old one. It is no state change, so postponed events stay postponed
     * and the state timeout keeps running.
     */
    record RepeatState<S, D>(boolean keepData, D data, List<Action> actions) implements Transition<S, D> {
        public RepeatState {
            actions = List.copyOf(actions);
        }
    }

    /**
     * A stop with {@code reason} after sending {@code replies}. Terminate gets {@code data}
     * unless {@code keepData}.
     */
    record Stop<S, D>(ExitReason reason, List<Action.Reply> replies, boolean keepData, D data)
            implements Transition<S, D> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
            replies = List.copyOf(replies);
        }
    }

    static <S, D> Transition<S, D> nextState(S state, D data, Action... actions) {
        return new NextState<>(state, data, List.of(actions));
    }

    static <S, D> Transition<S, D> keepState(D data, Action... actions) {
        return new KeepState<>(false, data, List.of(actions));
    }

    static <S, D> Transition<S, D> keepStateAndData(Action... actions) {
        return new KeepState<>(true, null, List.of(actions));
    }

    static <S, D> Transition<S, D> repeatState(D data, Action... actions) {
        return new RepeatState<>(false, data, List.of(actions));
    }

    static <S, D> Transition<S, D> repeatStateAndData(Action... actions) {
        return new RepeatState<>(true, null, List.of(actions));
    }

    static <S, D> Transition<S, D> stop(ExitReason reason) {
        return new Stop<>(reason, List.of(), true, null);
    }

    static <S, D> Transition<S, D> stop(ExitReason reason, D data) {
        return new Stop<>(reason, List.of(), false, data);
    }

    static <S, D> Transition<S, D> stopAndReply(ExitReason reason, Action.Reply... replies) {
        return new Stop<>(reason, List.of(replies), true, null);
    }

    static <S, D> Transition<S, D> stopAndReply(ExitReason reason, D data, List<Action.Reply> replies) {
        return new Stop<>(reason, replies, false, data);
    }
}
