package dev.tern.mod.roster.harness;

import dev.tern.server.module.ModuleHost;
import dev.tern.server.module.StanzaRouter;
import dev.tern.server.router.ModuleDispatch.IqOutcome;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.StanzaError;
import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.Sessions;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaEvent.Direction;
import dev.tern.xmpp.api.module.StanzaEvent.StanzaKind;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server core's stanza path in miniature, for tests. A client's stanza passes the
 * {@code FROM_CLIENT} hooks and is routed. A stanza to a local account passes the
 * {@code TO_ACCOUNT} hooks and is then delivered by the rules of RFC 6121 section 8.5. A stanza
 * to another domain is recorded as sent to a remote server. Everything runs on the caller's
 * thread, so all deliveries are in the inboxes when a test's send returns.
 *
 * <p>Like the server's router, it records broadcast presence in the session table before the
 * {@code FROM_CLIENT} hooks run, and answers a hook's {@link StanzaException} with its error.
 */
public final class InMemoryRouter implements StanzaRouter {

    private final String domain;
    private final InMemorySessions sessions;
    private final List<Element> remote = new CopyOnWriteArrayList<>();
    private volatile ModuleHost host;

    InMemoryRouter(String domain, InMemorySessions sessions) {
        this.domain = domain;
        this.sessions = sessions;
    }

    void attach(ModuleHost moduleHost) {
        this.host = moduleHost;
    }

    /** Returns the stanzas routed to other domains, in order. */
    List<Element> remote() {
        return List.copyOf(remote);
    }

    void clearRemote() {
        remote.clear();
    }

    @Override
    public void route(Element stanza) {
        Jid from = Jid.parse(stanza.attribute("from"));
        Jid to = Jid.parse(stanza.attribute("to"));
        if (!to.domainpart().equals(domain)) {
            remote.add(stanza);
            return;
        }
        if (to.localpart() == null) {
            toServer(stanza, from, to);
            return;
        }
        toAccount(stanza, from, to);
    }

    /** Processes a stanza that the client of {@code sender} sent on its stream. */
    void fromClient(Jid sender, Element stanza) {
        Element stamped = stanza.withAttribute("from", sender.toString());
        String toAttribute = stanza.attribute("to");
        Jid to = toAttribute == null ? sender.bare() : Jid.parse(toAttribute);
        if (stamped.name().equals("presence") && toAttribute == null && isBroadcastType(stamped)) {
            sessions.setPresence(sender, stamped);
        }
        if (handledByHooks(new StanzaContext(stamped, sender, to, event(stamped, Direction.FROM_CLIENT)))) {
            return;
        }
        if (stamped.name().equals("iq") && to.isBare() && to.domainpart().equals(domain)) {
            dispatchIq(stamped, sender, to);
            return;
        }
        if (toAttribute != null) {
            route(stamped);
        }
    }

    private void toServer(Element stanza, Jid from, Jid to) {
        if (stanza.name().equals("iq")) {
            dispatchIq(stanza, from, to);
        }
    }

    private void toAccount(Element stanza, Jid from, Jid to) {
        if (handledByHooks(new StanzaContext(stanza, from, to, event(stanza, Direction.TO_ACCOUNT)))) {
            return;
        }
        switch (stanza.name()) {
            case "presence" -> deliverPresence(stanza, to);
            case "message" -> deliverMessage(stanza, to);
            case "iq" -> {
                if (to.isFull()) {
                    if (!sessions.deliver(to, stanza)) {
                        replyWithError(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE);
                    }
                } else {
                    dispatchIq(stanza, from, to);
                }
            }
            default -> throw new IllegalArgumentException("Not a stanza: " + stanza.name());
        }
    }

    /** RFC 6121 section 8.5.2: presence to a bare JID goes to every available resource; to a full JID, to that session only. */
    private void deliverPresence(Element stanza, Jid to) {
        if (to.isFull()) {
            sessions.deliver(to, stanza);
            return;
        }
        for (Sessions.Session session : sessions.resources(to)) {
            if (session.available()) {
                sessions.deliver(session.fullJid(), stanza);
            }
        }
    }

    /** RFC 6121 section 8.5.2: a message to a bare JID goes to the available resources of highest non-negative priority. */
    private void deliverMessage(Element stanza, Jid to) {
        if (to.isFull() && sessions.deliver(to, stanza)) {
            return;
        }
        int best = Integer.MIN_VALUE;
        for (Sessions.Session session : sessions.resources(to)) {
            if (session.available() && session.priority() >= 0) {
                best = Math.max(best, session.priority());
            }
        }
        for (Sessions.Session session : sessions.resources(to)) {
            if (session.available() && session.priority() == best) {
                sessions.deliver(session.fullJid(), stanza);
            }
        }
    }

    private void dispatchIq(Element stanza, Jid from, Jid to) {
        List<Element> children = stanza.children();
        String type = stanza.attribute("type");
        if (!"get".equals(type) && !"set".equals(type)) {
            return;
        }
        if (children.size() != 1) {
            replyWithError(stanza.withAttribute("to", to.toString()), StanzaErrorCondition.BAD_REQUEST);
            return;
        }
        IqTarget target = to.localpart() == null ? IqTarget.SERVER : IqTarget.ACCOUNT;
        IqOutcome outcome = host.dispatchIq(target, new IqRequest(stanza, from, to, children.getFirst()));
        switch (outcome) {
            case IqOutcome.Replied replied -> deliverToSender(replied.reply(), from);
            case IqOutcome.Deferred deferred -> {
            }
            case IqOutcome.Unhandled unhandled -> replyWithError(stanza.withAttribute("to", to.toString()),
                    StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
    }

    /** Runs the hooks; a hook's stanza error goes back to the sender, and the stanza counts as handled. */
    private boolean handledByHooks(StanzaContext context) {
        try {
            return host.runHooks(context) == HookResult.HANDLED;
        } catch (StanzaException e) {
            replyWithError(context.stanza().withAttribute("to", context.to().toString()), e.error());
            return true;
        }
    }

    private void replyWithError(Element stanza, StanzaErrorCondition condition) {
        replyWithError(stanza, StanzaError.of(condition));
    }

    private void replyWithError(Element stanza, StanzaError error) {
        error.replyTo(stanza).ifPresent(reply -> deliverToSender(reply, Jid.parse(stanza.attribute("from"))));
    }

    private static boolean isBroadcastType(Element presence) {
        String type = presence.attribute("type");
        return type == null || type.equals("unavailable");
    }

    private void deliverToSender(Element reply, Jid sender) {
        if (sender.domainpart().equals(domain) && sender.isFull()) {
            sessions.deliver(sender, reply);
        } else {
            route(reply);
        }
    }

    private static StanzaEvent event(Element stanza, Direction direction) {
        StanzaKind kind = StanzaKind.valueOf(stanza.name().toUpperCase(Locale.ROOT));
        return StanzaEvent.of(kind, direction);
    }
}
