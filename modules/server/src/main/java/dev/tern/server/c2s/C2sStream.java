package dev.tern.server.c2s;

import dev.tern.kernel.Action;
import dev.tern.kernel.EventType;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.InitResult;
import dev.tern.kernel.ProcessContext;
import dev.tern.kernel.Transition;
import dev.tern.server.auth.sasl.SaslNegotiation;
import dev.tern.server.net.ChannelConnection;
import dev.tern.server.net.ConnectionEvent;
import dev.tern.server.session.Deliver;
import dev.tern.server.session.Kick;
import dev.tern.server.session.SessionEntry;
import dev.tern.server.xml.StreamErrorException;
import dev.tern.server.xml.XmlEvent;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StreamErrorCondition;
import dev.tern.kernel.GenStatem;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client stream as a state machine, one process per connection, as ejabberd's
 * {@code ejabberd_c2s}. The network layer sends it decoded XML and connection events; other
 * sessions send it {@link Deliver} and {@link Kick}. The states follow RFC 6120's stream
 * negotiation ({@link C2sState}).
 *
 * <p>It runs under a simple_one_for_one supervisor as a temporary child, so a crash ends only
 * this stream: {@link #terminate} then leaves the session table and closes the connection with
 * {@code internal-server-error}.
 */
public final class C2sStream implements GenStatem<C2sState, C2sSession> {

    /** The generic timeout that bounds the time from connect to a bound resource. */
    static final String NEGOTIATION = "negotiation";

    private static final Logger LOG = LoggerFactory.getLogger(C2sStream.class);

    private final C2sContext context;
    private final Jid domain;
    private final StreamOutput output;
    private final SaslSteps sasl;
    private final ResourceBinding binding;
    private final EstablishedStream established;

    public C2sStream(C2sContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.domain = Jid.parse(context.domain());
        this.output = new StreamOutput(context);
        this.sasl = new SaslSteps(context, output);
        this.binding = new ResourceBinding(context, output);
        this.established = new EstablishedStream(context, output);
    }

    @Override
    public InitResult<C2sState, C2sSession> init(ProcessContext self, Object args) {
        ChannelConnection connection = (ChannelConnection) args;
        // Trapping exits runs terminate on the supervisor's shutdown, which cleans up the session table.
        self.trapExit(true);
        C2sSession session = new C2sSession(self.self(), connection,
                new SaslNegotiation(context.mechanisms(), context.throttle(), connection.id()));
        return InitResult.ok(C2sState.WAIT_FOR_STREAM, session,
                Action.genericTimeout(NEGOTIATION, context.config().c2s().negotiationTimeout(), null));
    }

    @Override
    public Transition<C2sState, C2sSession> handleEvent(EventType type, Object content, C2sState state,
            C2sSession session) {
        if (type instanceof EventType.GenericTimeout) {
            return output.fail(session, StreamErrorCondition.CONNECTION_TIMEOUT, "No resource was bound within "
                    + context.config().c2s().negotiationTimeout().toSeconds() + " s of connecting");
        }
        if (type instanceof EventType.StateTimeout) {
            return state == C2sState.WAIT_FOR_SASL_FAILURE_DELAY ? sasl.sendDelayedFailure(session)
                    : output.closeAndStop(session);
        }

        return switch (content) {
            case XmlEvent.StreamOpen open -> onStreamOpen(session, state, open);
            case XmlEvent.StanzaReceived received -> onElement(session, state, received.element());
            case XmlEvent.StreamClose close -> output.closeAndStop(session);
            case ConnectionEvent.Closed closed -> Transition.stop(ExitReason.NORMAL);
            case ConnectionEvent.Failed failed -> onUnreadableInput(session, failed);
            case ConnectionEvent.Idle idle -> onIdle(session, state, idle);
            case Deliver deliver -> state == C2sState.ESTABLISHED ? deliver(session, deliver.stanza())
                    : Transition.keepStateAndData();
            case Kick kick -> onKick(session, kick);
            default -> Transition.keepStateAndData();
        };
    }

    @Override
    public void terminate(ExitReason reason, C2sState state, C2sSession session) {
        if (session.fullJid != null) {
            Optional<SessionEntry> removed = context.sessions().unbind(session.fullJid, session.pid);
            removed.ifPresent(entry -> context.router().modules().sessionClosed(entry.fullJid(), entry.presence()));
        }
        if (!session.connection.isOpen()) {
            return;
        }
        if (reason instanceof ExitReason.Crash crash) {
            LOG.error("Stream '{}' crashed in state {}", session.logId(), state, crash.cause());
            output.closeNow(session, StreamErrorCondition.INTERNAL_SERVER_ERROR, "The server failed on this stream");
        } else if (reason.isNormal()) {
            session.connection.close();
        } else {
            output.closeNow(session, StreamErrorCondition.SYSTEM_SHUTDOWN, "The server is shutting down");
        }
    }

    private Transition<C2sState, C2sSession> onStreamOpen(C2sSession session, C2sState state,
            XmlEvent.StreamOpen open) {
        if (state != C2sState.WAIT_FOR_STREAM) {
            return Transition.keepStateAndData();
        }
        Transition<C2sState, C2sSession> closed = output.sendHeader(session, open.from());
        if (closed != null) {
            return closed;
        }
        try {
            StreamHeaders.check(open, domain);
        } catch (StreamErrorException e) {
            return output.fail(session, e.condition(), e.text());
        }

        if (session.username != null) {
            closed = output.write(session,
                    NegotiationElements.postAuthFeatures(context.router().modules().establishedStreamFeatures()));
            return closed != null ? closed : Transition.nextState(C2sState.WAIT_FOR_BIND, session);
        }
        boolean encrypted = session.connection.encrypted();
        boolean tlsRequired = context.config().tls().requiredForAuth();
        closed = output.write(session, NegotiationElements.preAuthFeatures(encrypted, tlsRequired,
                session.sasl.advertisedMechanisms(sasl.plainPermitted(session))));
        if (closed != null) {
            return closed;
        }
        return Transition.nextState(tlsRequired && !encrypted ? C2sState.WAIT_FOR_STARTTLS
                : C2sState.WAIT_FOR_FEATURE_REQUEST, session);
    }

    private Transition<C2sState, C2sSession> onElement(C2sSession session, C2sState state, Element element) {
        return switch (state) {
            case WAIT_FOR_STARTTLS, WAIT_FOR_FEATURE_REQUEST, WAIT_FOR_SASL_RESPONSE -> negotiate(session, state,
                    element);
            case WAIT_FOR_SASL_FAILURE_DELAY -> Transition.keepStateAndData(Action.postpone());
            case WAIT_FOR_BIND -> binding.handle(session, element);
            case ESTABLISHED -> established.fromClient(session, element);
            case CLOSING, WAIT_FOR_STREAM -> Transition.keepStateAndData();
        };
    }

    /** Handles an element before authentication. */
    private Transition<C2sState, C2sSession> negotiate(C2sSession session, C2sState state, Element element) {
        if (element.is(Namespaces.TLS, "starttls") && state != C2sState.WAIT_FOR_SASL_RESPONSE) {
            return startTls(session);
        }
        if (element.namespace().equals(Namespaces.SASL)) {
            return state == C2sState.WAIT_FOR_STARTTLS ? sasl.rejectBeforeTls(session) : sasl.handle(session, element);
        }
        if (element.namespace().equals(Namespaces.CLIENT)) {
            return output.fail(session, StreamErrorCondition.NOT_AUTHORIZED,
                    "Authenticate before sending <" + element.name() + ">");
        }
        return output.fail(session, StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                "<" + element.name() + "> in '" + element.namespace() + "' is not supported during negotiation");
    }

    /** RFC 6120 section 5.4.2: {@code <proceed/>}, TLS, then a new stream; TLS twice is a failure that closes the stream. */
    private Transition<C2sState, C2sSession> startTls(C2sSession session) {
        if (session.connection.encrypted()) {
            LOG.info("Closing stream '{}': STARTTLS on a stream that is already encrypted", session.logId());
            session.closeSent = true;
            session.connection.sendAndClose(NegotiationElements.tlsFailure().toXml(Namespaces.CLIENT)
                    + NegotiationElements.CLOSE_TAG);
            return Transition.stop(ExitReason.NORMAL);
        }
        session.connection.startTls(NegotiationElements.tlsProceed().toXml(Namespaces.CLIENT));
        session.headerSent = false;
        return Transition.nextState(C2sState.WAIT_FOR_STREAM, session);
    }

    /**
     * Sends the stream error and closes at once, because the decoder stopped at the bad input
     * and would never read the client's close tag.
     */
    private Transition<C2sState, C2sSession> onUnreadableInput(C2sSession session, ConnectionEvent.Failed failed) {
        output.logStreamError(session, failed.condition(), failed.text());
        output.closeNow(session, failed.condition(), failed.text());
        return Transition.stop(ExitReason.NORMAL);
    }

    private Transition<C2sState, C2sSession> onIdle(C2sSession session, C2sState state, ConnectionEvent.Idle idle) {
        if (idle.kind() == ConnectionEvent.IdleKind.TIMEOUT) {
            return output.fail(session, StreamErrorCondition.CONNECTION_TIMEOUT, "Nothing was received for "
                    + context.config().c2s().idleTimeout().toSeconds() + " s");
        }
        return state == C2sState.ESTABLISHED ? established.ping(session) : Transition.keepStateAndData();
    }

    private Transition<C2sState, C2sSession> onKick(C2sSession session, Kick kick) {
        if (kick.condition() == StreamErrorCondition.SYSTEM_SHUTDOWN) {
            LOG.debug("Closing stream '{}' for the shutdown", session.logId());
            output.closeNow(session, kick.condition(), kick.text());
            return Transition.stop(ExitReason.NORMAL);
        }
        return output.fail(session, kick.condition(), kick.text());
    }

    private Transition<C2sState, C2sSession> deliver(C2sSession session, Element stanza) {
        Transition<C2sState, C2sSession> closed = output.write(session, stanza);
        return closed != null ? closed : Transition.keepStateAndData();
    }
}
