package dev.tern.kernel;

import java.util.Objects;

/**
 * What a {@link GenServer} callback returns, as OTP's {@code {reply, …}}, {@code {noreply, …}}
 * and {@code {stop, …}}. {@code handleCall} may return any variant; {@code handleCast} and
 * {@code handleInfo} only {@link NoReply} and {@link Stop}. Anything else, null included,
 * stops the server with {@code {bad_return_value, Value}}.
 */
public sealed interface Result<S> {

    /** Reply to the caller and continue with {@code state}. */
    record Reply<S>(Object reply, S state) implements Result<S> {
    }

    /** Make the caller throw a {@link CallException} with {@code error}, and continue. */
    record ReplyError<S>(Exception error, S state) implements Result<S> {
        public ReplyError {
            Objects.requireNonNull(error, "error");
        }
    }

    /** Continue without replying now: a call's reply, if any, comes later through {@link GenServer#reply}. */
    record NoReply<S>(S state) implements Result<S> {
    }

    /** Stop with {@code reason} after replying {@code reply} when {@code hasReply}. */
    record Stop<S>(ExitReason reason, boolean hasReply, Object reply, S state) implements Result<S> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <S> Result<S> reply(Object reply, S state) {
        return new Reply<>(reply, state);
    }

    static <S> Result<S> replyError(Exception error, S state) {
        return new ReplyError<>(error, state);
    }

    static <S> Result<S> noReply(S state) {
        return new NoReply<>(state);
    }

    static <S> Result<S> stop(ExitReason reason, S state) {
        return new Stop<>(reason, false, null, state);
    }

    static <S> Result<S> stopAndReply(ExitReason reason, Object reply, S state) {
        return new Stop<>(reason, true, reply, state);
    }
}
