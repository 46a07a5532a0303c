package dev.tern.server.auth.sasl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tern.server.auth.sasl.SaslStep.Challenge;
import dev.tern.server.auth.sasl.SaslStep.Failure;
import dev.tern.server.auth.sasl.SaslStep.Success;

/**
 * The SASL negotiation of one stream (RFC 6120 section 6.4): creates the mechanism for each
 * {@code <auth/>}, feeds it the responses, and applies the {@link LoginThrottle}.
 *
 * <p>The stream decodes the Base64 content of {@code <auth/>} and {@code <response/>}, calls
 * {@link #start}, {@link #respond}, {@link #abort} or {@link #rejectEncoding}, and sends the
 * returned step after the returned delay. A client may start again after a failure until the
 * throttle closes the stream. Not thread-safe: one stream, one thread.
 */
public final class SaslNegotiation {

    private static final Logger LOG = LoggerFactory.getLogger(SaslNegotiation.class);

    private enum State { IDLE, IN_EXCHANGE, SUCCEEDED, CLOSED }

    private final SaslMechanisms mechanisms;
    private final LoginThrottle throttle;
    private final LoginThrottle.ConnectionAttempts attempts;
    private final String connectionId;

    private State state = State.IDLE;
    private SaslMechanism mechanism;

    /** @param connectionId an id of the connection for log messages, such as the remote address */
    public SaslNegotiation(SaslMechanisms mechanisms, LoginThrottle throttle, String connectionId) {
        this.mechanisms = Objects.requireNonNull(mechanisms, "mechanisms");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        this.attempts = throttle.newConnection();
    }

    /** Returns the mechanism names to advertise, as {@link SaslMechanisms#advertised}. */
    public List<String> advertisedMechanisms(boolean encrypted) {
        return mechanisms.advertised(encrypted);
    }

    /**
     * Starts an exchange for {@code <auth mechanism='...'>}.
     *
     * @param initialResponse the decoded initial response, or an empty array when the element
     *     was empty
     * @param encrypted whether TLS protects the stream
     */
    public SaslOutcome start(String mechanismName, byte[] initialResponse, boolean encrypted) {
        requireOpen();
        if (state == State.IN_EXCHANGE) {
            return fail(new Failure(SaslCondition.MALFORMED_REQUEST, "An exchange is already in progress"));
        }
        mechanism = mechanisms.create(mechanismName, encrypted);
        state = State.IN_EXCHANGE;
        return evaluate(initialResponse);
    }

    /** Continues the exchange with the decoded content of {@code <response/>}. */
    public SaslOutcome respond(byte[] response) {
        requireOpen();
        if (state != State.IN_EXCHANGE) {
            return fail(new Failure(SaslCondition.MALFORMED_REQUEST, "No exchange is in progress; send <auth/> first"));
        }
        return evaluate(response);
    }

    /** Ends the exchange because the client sent {@code <abort/>}. */
    public SaslOutcome abort() {
        requireOpen();
        state = State.IDLE;
        mechanism = null;
        // An abort is the client's choice, so it does not count as a failed attempt.
        return SaslOutcome.immediate(new Failure(SaslCondition.ABORTED, null));
    }

    /** Ends the exchange because the Base64 content of {@code <auth/>} or {@code <response/>} was invalid. */
    public SaslOutcome rejectEncoding() {
        requireOpen();
        return fail(new Failure(SaslCondition.INCORRECT_ENCODING, "Content is not valid Base64"));
    }

    /** Returns whether an exchange succeeded, after which the stream restarts. */
    public boolean succeeded() {
        return state == State.SUCCEEDED;
    }

    private SaslOutcome evaluate(byte[] response) {
        SaslStep step = mechanism.evaluate(response);
        String username = mechanism.authenticationId();

        if (username != null && !(step instanceof Failure)) {
            Duration wait = throttle.accountDelay(username);
            if (wait.isPositive()) {
                return fail(new Failure(SaslCondition.TEMPORARY_AUTH_FAILURE,
                        "Too many failed logins; wait " + secondsRoundedUp(wait) + " s before the next attempt"));
            }
        }

        return switch (step) {
            case Challenge challenge -> SaslOutcome.immediate(challenge);
            case Success success -> {
                LOG.info("Authenticated '{}' with {} on connection '{}'", success.username(), mechanism.name(),
                        connectionId);
                attempts.recordSuccess(success.username());
                state = State.SUCCEEDED;
                mechanism = null;
                yield SaslOutcome.immediate(success);
            }
            case Failure failure -> {
                String wrongCredentialsOf = failure.condition() == SaslCondition.NOT_AUTHORIZED ? username : null;
                yield fail(failure, wrongCredentialsOf);
            }
        };
    }

    private SaslOutcome fail(Failure failure) {
        return fail(failure, null);
    }

    private SaslOutcome fail(Failure failure, String wrongCredentialsOf) {
        String name = mechanismName();
        LoginThrottle.Verdict verdict = attempts.recordFailure(wrongCredentialsOf);
        LOG.info("SASL {} failed with '{}' on connection '{}' for username '{}'", name,
                failure.condition().elementName(), connectionId, mechanism == null ? null : mechanism.authenticationId());
        state = verdict.closeConnection() ? State.CLOSED : State.IDLE;
        mechanism = null;
        return new SaslOutcome(failure, verdict.responseDelay(), verdict.closeConnection());
    }

    private static long secondsRoundedUp(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    private String mechanismName() {
        return mechanism == null ? "(none)" : mechanism.name();
    }

    private void requireOpen() {
        if (state == State.SUCCEEDED) {
            throw new IllegalStateException("SASL negotiation on connection '" + connectionId
                    + "' has succeeded; restart the stream instead");
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("SASL negotiation on connection '" + connectionId
                    + "' is closed after too many failures");
        }
    }
}
