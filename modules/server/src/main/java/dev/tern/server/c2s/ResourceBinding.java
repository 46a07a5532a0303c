package dev.tern.server.c2s;

import dev.tern.kernel.Action;
import dev.tern.kernel.Transition;
import dev.tern.server.router.StanzaKinds;
import dev.tern.server.session.BindResult;
import dev.tern.server.session.SessionStats;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.InvalidJidException;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StanzaError;
import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.StreamErrorCondition;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resource binding (RFC 6120 section 7) with resourceprep from RFC 7622 and the configured conflict policy. */
final class ResourceBinding {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceBinding.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final C2sContext context;
    private final StreamOutput output;

    ResourceBinding(C2sContext context, StreamOutput output) {
        this.context = context;
        this.output = output;
    }

    /** Handles an element on an authenticated stream before binding: only a bind request is allowed. */
    Transition<C2sState, C2sSession> handle(C2sSession session, Element element) {
        if (StanzaKinds.of(element) == null) {
            return output.fail(session, StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "<" + element.name() + "> in '" + element.namespace() + "' is not supported here");
        }
        Element bind = element.name().equals("iq") ? element.child(Namespaces.BIND, "bind") : null;
        if (bind == null) {
            return output.fail(session, StreamErrorCondition.NOT_AUTHORIZED,
                    "Bind a resource before sending stanzas");
        }
        if (!"set".equals(element.attribute("type")) || element.attribute("id") == null) {
            return error(session, element, StanzaErrorCondition.BAD_REQUEST, "A bind request is an IQ set with an id");
        }

        Jid fullJid;
        String requested = bind.childText(Namespaces.BIND, "resource");
        try {
            String resource = requested == null || requested.isBlank() ? generatedResource() : requested;
            fullJid = Jid.of(session.username, context.domain(), resource);
        } catch (InvalidJidException e) {
            LOG.info("Rejected resource '{}' on stream '{}': {}", requested, session.logId(), e.getMessage());
            return error(session, element, StanzaErrorCondition.BAD_REQUEST,
                    "The resource is not valid under RFC 7622: " + e.getMessage());
        }

        SessionStats stats = new SessionStats(session.connection.remoteSocketAddress(), session.connection.tlsProtocol(),
                Instant.now());
        stats.countIn();
        BindResult result = context.sessions().bind(fullJid, session.pid, context.config().c2s().conflictPolicy(),
                stats);
        if (result instanceof BindResult.Conflict) {
            LOG.info("Refused to bind '{}' on stream '{}': the resource is in use", fullJid, session.logId());
            return error(session, element, StanzaErrorCondition.CONFLICT, "The resource is in use by another session");
        }
        BindResult.Bound bound = (BindResult.Bound) result;
        session.fullJid = fullJid;
        session.stats = stats;
        if (bound.replaced() != null) {
            context.router().modules().sessionClosed(fullJid, bound.replaced().presence());
        }
        context.router().modules().sessionOpened(fullJid);
        LOG.info("Bound '{}' on connection '{}'", fullJid, session.connection.id());

        Transition<C2sState, C2sSession> closed = output.write(session,
                NegotiationElements.bindResult(element.attribute("id"), fullJid.toString()));
        if (closed != null) {
            return closed;
        }
        return Transition.nextState(C2sState.ESTABLISHED, session, Action.cancelGenericTimeout(C2sStream.NEGOTIATION));
    }

    private Transition<C2sState, C2sSession> error(C2sSession session, Element request, StanzaErrorCondition condition,
            String text) {
        Element reply = StanzaError.of(condition, text).replyTo(request).orElseThrow();
        Transition<C2sState, C2sSession> closed = output.write(session, reply);
        return closed != null ? closed : Transition.keepStateAndData();
    }

    private static String generatedResource() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "tern-" + HexFormat.of().formatHex(bytes);
    }
}
