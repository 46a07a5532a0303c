package dev.tern.kernel;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The callbacks of a generic server, as OTP's {@code gen_server}. The kernel owns the loop,
 * calls, timeouts and {@code sys} messages, and an implementation only defines what each
 * request does to its state. The static methods start servers and send them requests.
 *
 * <p>State handed to {@link #codeChange} may come from another class loader (a module's older
 * version), so keep state made of JDK types or types both versions share.
 *
 * @param <S> the state type
 */
public interface GenServer<S> {

    /** The call timeout OTP uses by default. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Builds the first state; runs in the new process before {@code start} returns. */
    Init<S> init(ProcessContext self, Object args) throws Exception;

    /** Handles a call. The default replies with an error at once, so a caller never waits on an unknown request. */
    default Result<S> handleCall(Object request, From from, S state) throws Exception {
        return Result.replyError(new IllegalArgumentException("Unexpected call " + request + " to "
                + getClass().getName()), state);
    }

    /** Handles a cast. The default logs and ignores it. */
    default Result<S> handleCast(Object message, S state) throws Exception {
        LoggerFactory.getLogger(getClass()).warn("Unexpected cast '{}' ignored", message);
        return Result.noReply(state);
    }

    /** Handles any other message (timers, monitors' {@link Down}, trapped {@link Exit}). The default logs and ignores it. */
    default Result<S> handleInfo(Object message, S state) throws Exception {
        LoggerFactory.getLogger(getClass()).warn("Unexpected message '{}' ignored", message);
        return Result.noReply(state);
    }

    /** Cleans up when the server stops by its own result, a crash, or its parent's shutdown while trapping exits. */
    default void terminate(ExitReason reason, S state) {
    }

    /**
     * Converts the state of an older version into this version's state during a code change.
     * Throwing keeps the old version running with its old state. The default keeps the state
     * as it is, which works only when its type did not change.
     */
    @SuppressWarnings("unchecked")
    default S codeChange(Object oldVersion, Object oldState, Object extra) throws Exception {
        return (S) oldState;
    }

    // ---------------------------------------------------------------- client API

    /** Starts a server with no link to the caller and returns once its {@code init} returned. */
    static Pid start(Kernel kernel, GenServer<?> callbacks, Object args) {
        return GenServerProcess.start(kernel, null, callbacks, args, false);
    }

    /**
     * Spawns a server and returns at once, like Erlang's {@code spawn}: its {@code init} runs as
     * the process's first event, before any message. A failing init ends the process with a
     * crash report; use {@link #start} to learn of it from the caller.
     */
    static Pid spawn(Kernel kernel, GenServer<?> callbacks, Object args) {
        return GenServerProcess.spawn(kernel, callbacks, args, false);
    }

    /** Spawns a server linked to the calling process, returning at once. */
    static Pid spawnLink(Kernel kernel, GenServer<?> callbacks, Object args) {
        return GenServerProcess.spawn(kernel, callbacks, args, true);
    }

    /** Starts a server registered as {@code name}; fails when the name is taken. */
    static Pid start(Kernel kernel, String name, GenServer<?> callbacks, Object args) {
        return GenServerProcess.start(kernel, Objects.requireNonNull(name, "name"), callbacks, args, false);
    }

    /** Starts a server linked to the calling process (a supervisor uses this). */
    static Pid startLink(Kernel kernel, GenServer<?> callbacks, Object args) {
        return GenServerProcess.start(kernel, null, callbacks, args, true);
    }

    /** Starts a registered server linked to the calling process. */
    static Pid startLink(Kernel kernel, String name, GenServer<?> callbacks, Object args) {
        return GenServerProcess.start(kernel, Objects.requireNonNull(name, "name"), callbacks, args, true);
    }

    /** Calls with the {@linkplain #DEFAULT_TIMEOUT default timeout}. */
    static Object call(Kernel kernel, Pid server, Object request) {
        return call(kernel, server, request, DEFAULT_TIMEOUT);
    }

    /**
     * Sends {@code request} and waits for the reply.
     *
     * @param timeout how long to wait, or null for ever
     * @throws CallTimeoutException when no reply came in time (a late one is dropped)
     * @throws CallException        when the server is not running, ends meanwhile, or replies with an error
     */
    static Object call(Kernel kernel, Pid server, Object request, Duration timeout) {
        return Calls.call(kernel, server, timeout, from -> new Calls.Call(request, from));
    }

    /** Sends a request without waiting; never fails, even for a dead server. */
    static void cast(Kernel kernel, Pid server, Object message) {
        kernel.send(server, new Calls.Cast(message));
    }

    /** Replies to a call whose callback returned {@link Result.NoReply}. A second reply is dropped. */
    static void reply(From from, Object reply) {
        from.slot.complete(reply);
    }

    /** Stops a server with {@code reason}, running its terminate, and waits until it has ended. */
    static void stop(Kernel kernel, Pid server, ExitReason reason, Duration timeout) {
        try {
            Calls.call(kernel, server, timeout, from -> new GenServerProcess.StopRequest(reason));
        } catch (CallTimeoutException e) {
            throw e;
        } catch (CallException e) {
            // The server replies to a stop request by ending, so its end with that reason is the success.
            if (!reason.equals(e.reason())) {
                throw e;
            }
        }
    }
}
