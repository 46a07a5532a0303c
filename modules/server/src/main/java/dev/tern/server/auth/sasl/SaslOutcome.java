package dev.tern.server.auth.sasl;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one SASL step of a {@link SaslNegotiation}: the element to send, when, and
 * whether to close the stream afterwards.
 *
 * @param step the challenge, success or failure to send
 * @param delay how long to wait before sending it: zero except after failures
 * @param closeStream whether to close the stream after sending it, because the connection
 *     had too many failures
 */
public record SaslOutcome(SaslStep step, Duration delay, boolean closeStream) {

    public SaslOutcome {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(delay, "delay");
    }

    static SaslOutcome immediate(SaslStep step) {
        return new SaslOutcome(step, Duration.ZERO, false);
    }
}
