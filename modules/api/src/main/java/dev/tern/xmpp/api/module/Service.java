package dev.tern.xmpp.api.module;

/**
 * A module's long-lived process, like a gen_server: it handles one message at a time, and its
 * state moves to the next module version through {@link #codeChange}. The server runs it under
 * a supervisor; a crash restarts it with {@link #init}.
 *
 * @param <S> the state; keep it made of JDK and API types so another version can take it
 */
public interface Service<S> {

    /** Builds the first state. */
    S init(Object args) throws Exception;

    /** Answers a request from {@link ServiceRef#call}. */
    default Reply<S> handleCall(Object request, S state) throws Exception {
        throw new IllegalArgumentException("Unexpected call " + request + " to " + getClass().getName());
    }

    /** Handles a message from {@link ServiceRef#send}; returns the new state. */
    default S handleMessage(Object message, S state) throws Exception {
        return state;
    }

    /**
     * Converts the state of another version into this version's. Throwing aborts the upgrade and
     * keeps the old version running. The default keeps the state as it is.
     */
    @SuppressWarnings("unchecked")
    default S codeChange(String oldVersion, Object oldState) throws Exception {
        return (S) oldState;
    }

    /** Runs when the service stops. */
    default void terminate(S state) {
    }

    /** A reply and the new state. */
    record Reply<S>(Object reply, S state) {
    }
}
