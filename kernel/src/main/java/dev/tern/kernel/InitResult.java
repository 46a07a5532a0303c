package dev.tern.kernel;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link GenStatem#init}, as OTP's {@code {ok, State, Data, Actions}},
 * {@code {stop, Reason}} and {@code ignore}. The start call returns once init has returned,
 * and fails for stop and ignore.
 */
public sealed interface InitResult<S, D> {

    /**
     * A successful init: the machine enters {@code state} with {@code data}, then runs
     * {@code actions} as a transition does. A {@link Action.Postpone} among them is ignored
     * because no event exists to postpone.
     */
    record Ok<S, D>(S state, D data, List<Action> actions) implements InitResult<S, D> {
        public Ok {
            Objects.requireNonNull(state, "state");
            actions = List.copyOf(actions);
        }
    }

    record Stop<S, D>(ExitReason reason) implements InitResult<S, D> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Ignore<S, D>() implements InitResult<S, D> {
    }

    static <S, D> InitResult<S, D> ok(S state, D data, Action... actions) {
        return new Ok<>(state, data, List.of(actions));
    }

    static <S, D> InitResult<S, D> stop(ExitReason reason) {
        return new Stop<>(reason);
    }

    static <S, D> InitResult<S, D> ignore() {
        return new Ignore<>();
    }
}
