package dev.tern.kernel;

import java.time.Duration;
import java.util.Objects;

/**
 * The callbacks of a generic state machine, as OTP's {@code gen_statem} in callback mode
 * {@code handle_event_function}: one {@link #handleEvent} for every state, where a state is
 * any value compared with {@code equals} (typically an enum or a record). The kernel owns the
 * loop, calls, postponed and inserted events, timeouts and {@code sys} messages. The static
 * methods start state machines and talk to them.
 *
 * <p>Events are handled one at a time in this order: events inserted by
 * {@link Action#nextEvent}, then postponed events retried after a state change (oldest
 * first), then zero-time timeouts, then messages in arrival order.
 *
 * <p>State and data handed to {@link #codeChange} may come from another class loader (a
 * module's older version), so keep them made of JDK types or types both versions share.
 *
 * @param <S> the state type
 * @param <D> the data type
 */
public interface GenStatem<S, D> {

    /** The call timeout OTP uses by default. */
    Duration DEFAULT_TIMEOUT = GenServer.DEFAULT_TIMEOUT;

    /**
     * A state machine's state and data, as {@code sys:get_state} returns them and
     * {@link #codeChange} converts them.
     */
    record Snapshot<S, D>(S state, D data) {
    }

    /** Builds the initial state and data. Runs in the new process before {@code start} returns. */
    InitResult<S, D> init(ProcessContext self, Object args) throws Exception;

    /**
     * Handles one event in {@code state}, or a state enter call when {@code type} is
     * {@link EventType#ENTER} (then {@code content} is the old state, equal to {@code state}
     * for the initial state and for a repeated enter call). Throwing stops the process with
     * a crash.
     */
    Transition<S, D> handleEvent(EventType type, Object content, S state, D data) throws Exception;

    /**
     * Returns true to get state enter calls, as OTP's {@code state_enter} callback mode: one
     * for the initial state, one after each state change and one for each
     * {@link Transition.RepeatState}. Read again after a code change.
     */
    default boolean stateEnter() {
        return false;
    }

    /**
     * Cleans up when the machine stops by its own transition, a crash, or its parent's
     * shutdown while trapping exits.
     */
    default void terminate(ExitReason reason, S state, D data) {
    }

    /**
     * Converts the state and data of an older version into this version's during a code
     * change. A new state counts as a rename, not a state change, so it runs no enter call and
     * retries no postponed event. Throwing or returning null keeps the old version running with its
     * old state and data. The default keeps both as they are, which works only when their
     * types did not change.
     */
    @SuppressWarnings("unchecked")
    default Snapshot<S, D> codeChange(Object oldVersion, Object oldState, Object oldData, Object extra)
            throws Exception {
        return new Snapshot<>((S) oldState, (D) oldData);
    }

    // ---------------------------------------------------------------- client API

    /** Starts a state machine with no link to the caller and returns once its {@code init} returned. */
    static Pid start(Kernel kernel, GenStatem<?, ?> callbacks, Object args) {
        return GenStatemProcess.start(kernel, null, callbacks, args, false);
    }

    /** Starts a state machine registered as {@code name}, and fails when the name is taken. */
    static Pid start(Kernel kernel, String name, GenStatem<?, ?> callbacks, Object args) {
        return GenStatemProcess.start(kernel, Objects.requireNonNull(name, "name"), callbacks, args, false);
    }

    /** Starts a state machine linked to the calling process (a supervisor uses this). */
    static Pid startLink(Kernel kernel, GenStatem<?, ?> callbacks, Object args) {
        return GenStatemProcess.start(kernel, null, callbacks, args, true);
    }

    /** Starts a registered state machine linked to the calling process. */
    static Pid startLink(Kernel kernel, String name, GenStatem<?, ?> callbacks, Object args) {
        return GenStatemProcess.start(kernel, Objects.requireNonNull(name, "name"), callbacks, args, true);
    }

    /** Calls with the {@linkplain #DEFAULT_TIMEOUT default timeout}. */
    static Object call(Kernel kernel, Pid statem, Object request) {
        return call(kernel, statem, request, DEFAULT_TIMEOUT);
    }

    /**
     * Sends {@code request} as a {@link EventType.Call} event and waits for the reply, which
     * may come from a later state when the machine postpones the call or keeps its
     * {@link From}.
     *
     * @param timeout how long to wait, or null for ever
     * @throws CallTimeoutException when no reply came in time (a late one is dropped)
     * @throws CallException        when the machine is not running or ends before replying
     */
    static Object call(Kernel kernel, Pid statem, Object request, Duration timeout) {
        return Calls.call(kernel, statem, timeout, from -> new Calls.Call(request, from));
    }

    /** Sends a {@link EventType.Cast} event without waiting. It never fails, even for a dead machine. */
    static void cast(Kernel kernel, Pid statem, Object message) {
        kernel.send(statem, new Calls.Cast(message));
    }

    /** Replies to a call outside a transition's actions. A second reply to the same call is dropped. */
    static void reply(From from, Object reply) {
        from.slot.complete(reply);
    }

    /**
     * Stops a state machine with {@code reason}, running its terminate, and waits until it has
     * ended. The request is no event: it is neither postponed nor queued behind inserted events.
     *
     * @param timeout how long to wait, or null for ever
     */
    static void stop(Kernel kernel, Pid statem, ExitReason reason, Duration timeout) {
        try {
            Calls.call(kernel, statem, timeout, from -> new GenStatemProcess.StopRequest(reason));
        } catch (CallTimeoutException e) {
            throw e;
        } catch (CallException e) {
            // The machine ends instead of replying to a stop request, so its end with that reason is the success.
            if (!reason.equals(e.reason())) {
                throw e;
            }
        }
    }
}
