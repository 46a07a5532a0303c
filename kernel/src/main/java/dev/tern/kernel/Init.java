package dev.tern.kernel;

import java.util.Objects;

/**
 * What a behaviour's {@code init} returns, as OTP's {@code {ok, State}}, {@code {stop, Reason}}
 * and {@code ignore}. The start call returns after init, and fails for stop and ignore.
 */
public sealed interface Init<S> {

    record Ok<S>(S state) implements Init<S> {
    }

    record Stop<S>(ExitReason reason) implements Init<S> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Ignore<S>() implements Init<S> {
    }

    static <S> Init<S> ok(S state) {
        return new Ok<>(state);
    }

    static <S> Init<S> stop(ExitReason reason) {
        return new Stop<>(reason);
    }

    static <S> Init<S> ignore() {
        return new Ignore<>();
    }
}
