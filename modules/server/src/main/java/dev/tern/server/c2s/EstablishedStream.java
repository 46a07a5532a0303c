package dev.tern.server.c2s;

import dev.tern.kernel.Transition;
import dev.tern.server.router.StanzaKinds;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.InvalidJidException;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StanzaError;
import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.StreamErrorCondition;
import dev.tern.xmpp.api.module.StanzaEvent.StanzaKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stanzas of a stream with a bound resource: address checks (RFC 6120 section 8.1.2), the legacy
 * session request and a second bind request handled here, then the router.
 */
final class EstablishedStream {

    private static final Logger LOG = LoggerFactory.getLogger(EstablishedStream.class);

    private final C2sContext context;
    private final StreamOutput output;

    EstablishedStream(C2sContext context, StreamOutput output) {
        this.context = context;
        this.output = output;
    }

    /** Handles one top-level element from the client. */
    Transition<C2sState, C2sSession> fromClient(C2sSession session, Element element) {
        StanzaKind kind = StanzaKinds.of(element);
        if (kind == null) {
            return output.fail(session, StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "<" + element.name() + "> in '" + element.namespace() + "' is not a stanza this server supports");
        }
        session.stats.countIn();

        // RFC 6120 section 8.1.2.1: 'from', when present, must be the session's full JID or its bare JID.
        String from = element.attribute("from");
        if (from != null && !isOwnAddress(from, session.fullJid)) {
            return output.fail(session, StreamErrorCondition.INVALID_FROM,
                    "The 'from' address '" + from + "' is not '" + session.fullJid + "' or its bare JID");
        }
        Element stamped = element.withAttribute("from", session.fullJid.toString());

        if (kind == StanzaKind.IQ) {
            clearAnsweredPing(session, stamped);
            if (isLegacySession(stamped)) {
                Transition<C2sState, C2sSession> closed = output.write(session, NegotiationElements.emptyResult(stamped));
                return closed != null ? closed : Transition.keepStateAndData();
            }
            if (isBindRequest(stamped)) {
                return rejectSecondBind(session, element);
            }
        }
        context.router().routeFromClient(session.fullJid, stamped);
        return Transition.keepStateAndData();
    }

    /** Sends a XEP-0199 ping after the ping interval of silence; the idle timeout closes the stream if no reply comes. */
    Transition<C2sState, C2sSession> ping(C2sSession session) {
        session.pingId = "ping-" + (++session.pingCount);
        Element ping = Element.builder(Namespaces.CLIENT, "iq")
                .attribute("from", context.domain())
                .attribute("to", session.fullJid.toString())
                .attribute("id", session.pingId)
                .attribute("type", "get")
                .child(Element.of(Namespaces.PING, "ping"))
                .build();
        Transition<C2sState, C2sSession> closed = output.write(session, ping);
        return closed != null ? closed : Transition.keepStateAndData();
    }

    private static void clearAnsweredPing(C2sSession session, Element iq) {
        if (session.pingId != null && session.pingId.equals(iq.attribute("id")) && !StanzaKinds.isIqRequest(iq)) {
            session.pingId = null;
        }
    }

    /**
     * Rejects a bind request on a stream that already has a resource with the stanza error
     * {@code <not-allowed/>} of type {@code cancel}. RFC 6120 section 7 has no way to bind a second
     * resource to a stream, and its section 7.6.2.2 names that condition for a client that is not
     * allowed to bind a resource. A stanza error leaves the stream and its first resource as they were.
     */
    private Transition<C2sState, C2sSession> rejectSecondBind(C2sSession session, Element request) {
        // The stream's log id names its bound full JID.
        LOG.info("Rejected a second resource bind on stream '{}'", session.logId());
        Element reply = StanzaError.of(StanzaErrorCondition.NOT_ALLOWED,
                "This stream already has the resource '" + session.fullJid.resourcepart()
                        + "'; open another stream to bind another resource")
                .replyTo(request).orElseThrow();
        Transition<C2sState, C2sSession> closed = output.write(session, reply);
        return closed != null ? closed : Transition.keepStateAndData();
    }

    /** Returns whether {@code iq} is a resource binding request (RFC 6120 section 7) for this server. */
    private boolean isBindRequest(Element iq) {
        String to = iq.attribute("to");
        return "set".equals(iq.attribute("type"))
                && iq.child(Namespaces.BIND, "bind") != null
                && (to == null || to.equals(context.domain()));
    }

    /** Returns whether {@code iq} is the RFC 3921 session request, which RFC 6121 appendix E keeps as a no-op. */
    private boolean isLegacySession(Element iq) {
        String to = iq.attribute("to");
        return "set".equals(iq.attribute("type"))
                && iq.child(Namespaces.SESSION, "session") != null
                && (to == null || to.equals(context.domain()));
    }

    private static boolean isOwnAddress(String from, Jid fullJid) {
        try {
            Jid jid = Jid.parse(from);
            return jid.equals(fullJid) || jid.equals(fullJid.bare());
        } catch (InvalidJidException e) {
            return false;
        }
    }
}
