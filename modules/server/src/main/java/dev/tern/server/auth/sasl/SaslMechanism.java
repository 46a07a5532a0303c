package dev.tern.server.auth.sasl;

/**
 * The server side of one SASL exchange with one mechanism. An instance serves a single
 * exchange and is not thread-safe.
 *
 * <p>The first call to {@link #evaluate} gets the initial response of {@code <auth/>}. When
 * the client sent none, the caller passes an empty array, and a mechanism in which the
 * client sends first returns an empty challenge. Each later call gets the decoded
 * content of a {@code <response/>}. The exchange ends with the first {@link SaslStep.Success}
 * or {@link SaslStep.Failure}.
 */
public interface SaslMechanism {

    /** Returns the registered mechanism name, such as {@code SCRAM-SHA-256}. */
    String name();

    /**
     * Evaluates one client message and returns the next step.
     *
     * @throws IllegalStateException if the exchange has already ended
     */
    SaslStep evaluate(byte[] response);

    /**
     * Returns the prepared username that the client claimed, or null until the mechanism has
     * parsed a valid one. The login throttle counts failures against it.
     */
    String authenticationId();
}
