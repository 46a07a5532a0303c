package dev.tern.server.c2s;

import dev.tern.kernel.Action;
import dev.tern.kernel.Transition;
import dev.tern.server.auth.sasl.SaslCondition;
import dev.tern.server.auth.sasl.SaslOutcome;
import dev.tern.server.auth.sasl.SaslStep;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StreamErrorCondition;

/** The SASL exchange of a stream (RFC 6120 section 6.4): {@code <auth/>}, {@code <response/>}, {@code <abort/>} and their replies. */
final class SaslSteps {

    private final C2sContext context;
    private final StreamOutput output;

    SaslSteps(C2sContext context, StreamOutput output) {
        this.context = context;
        this.output = output;
    }

    /** Returns whether SASL PLAIN may run on this stream: with TLS, or without when the configuration allows it. */
    boolean plainPermitted(C2sSession session) {
        return session.connection.encrypted() || context.config().tls().allowPlainWithoutTls();
    }

    /** Handles an element in the SASL namespace. */
    Transition<C2sState, C2sSession> handle(C2sSession session, Element element) {
        return switch (element.name()) {
            case "auth" -> {
                byte[] initialResponse;
                try {
                    initialResponse = NegotiationElements.decodeSaslData(element);
                } catch (IllegalArgumentException e) {
                    yield reply(session, session.sasl.rejectEncoding());
                }
                yield reply(session, session.sasl.start(element.attribute("mechanism"), initialResponse,
                        plainPermitted(session)));
            }
            case "response" -> {
                byte[] response;
                try {
                    response = NegotiationElements.decodeSaslData(element);
                } catch (IllegalArgumentException e) {
                    yield reply(session, session.sasl.rejectEncoding());
                }
                yield reply(session, session.sasl.respond(response));
            }
            case "abort" -> reply(session, session.sasl.abort());
            default -> output.fail(session, StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "<" + element.name() + "> is no SASL element this server knows");
        };
    }

    /** Rejects {@code <auth/>} on a stream that must negotiate TLS first, without counting it as a failed login. */
    Transition<C2sState, C2sSession> rejectBeforeTls(C2sSession session) {
        Transition<C2sState, C2sSession> closed = output.write(session, NegotiationElements.saslFailure(
                new SaslStep.Failure(SaslCondition.ENCRYPTION_REQUIRED,
                        "This server requires TLS before authentication; send <starttls/> first")));
        return closed != null ? closed : Transition.keepStateAndData();
    }

    /** Sends a failure whose throttle delay has passed, then lets the client try again or closes the stream. */
    Transition<C2sState, C2sSession> sendDelayedFailure(C2sSession session) {
        SaslOutcome outcome = session.delayedSaslFailure;
        session.delayedSaslFailure = null;
        return sendFailure(session, outcome);
    }

    private Transition<C2sState, C2sSession> reply(C2sSession session, SaslOutcome outcome) {
        return switch (outcome.step()) {
            case SaslStep.Challenge challenge -> {
                Transition<C2sState, C2sSession> closed = output.write(session,
                        NegotiationElements.saslChallenge(challenge.data()));
                yield closed != null ? closed : Transition.nextState(C2sState.WAIT_FOR_SASL_RESPONSE, session);
            }
            case SaslStep.Success success -> {
                session.username = success.username();
                session.sasl = null;
                // The client restarts the stream right after <success/>, so the decoder resets with it.
                session.connection.restartStreamAfter(
                        NegotiationElements.saslSuccess(success.additionalData()).toXml(Namespaces.CLIENT));
                session.headerSent = false;
                yield Transition.nextState(C2sState.WAIT_FOR_STREAM, session);
            }
            case SaslStep.Failure failure -> {
                if (outcome.delay().isPositive()) {
                    session.delayedSaslFailure = outcome;
                    yield Transition.nextState(C2sState.WAIT_FOR_SASL_FAILURE_DELAY, session,
                            Action.stateTimeout(outcome.delay(), "sasl-failure"));
                }
                yield sendFailure(session, outcome);
            }
        };
    }

    private Transition<C2sState, C2sSession> sendFailure(C2sSession session, SaslOutcome outcome) {
        Transition<C2sState, C2sSession> closed = output.write(session,
                NegotiationElements.saslFailure((SaslStep.Failure) outcome.step()));
        if (closed != null) {
            return closed;
        }
        if (outcome.closeStream()) {
            return output.fail(session, StreamErrorCondition.POLICY_VIOLATION,
                    "Too many failed authentication attempts on this connection");
        }
        return Transition.nextState(C2sState.WAIT_FOR_FEATURE_REQUEST, session);
    }
}
