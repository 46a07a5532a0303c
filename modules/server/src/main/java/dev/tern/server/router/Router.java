package dev.tern.server.router;

import dev.tern.server.session.SessionEntry;
import dev.tern.server.session.SessionManager;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.InvalidJidException;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.StanzaError;
import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaEvent.Direction;
import dev.tern.xmpp.api.module.StanzaEvent.StanzaKind;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes stanzas of local clients and modules: runs the hooks, then delivers to the server,
 * a local account, or replies with a stanza error, as RFC 6120 section 10 and RFC 6121
 * section 8 require. It runs in the process that calls it (the sender's stream process), so
 * routing needs no central process; delivery to another session is a message to its process.
 *
 * <p>Every error reply obeys RFC 6120 section 8.3.1: an error stanza or IQ result never gets
 * an error back.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final String domain;
    private final Jid domainJid;
    private final SessionManager sessions;
    private final AccountDirectory accounts;
    private volatile ModuleDispatch modules;

    public Router(String domain, SessionManager sessions, AccountDirectory accounts, ModuleDispatch modules) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.domainJid = Jid.parse(domain);
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.modules = Objects.requireNonNull(modules, "modules");
    }

    /** Replaces the module dispatch, for a module host that starts after the router. */
    public void setModules(ModuleDispatch value) {
        this.modules = Objects.requireNonNull(value, "modules");
    }

    public ModuleDispatch modules() {
        return modules;
    }

    /**
     * Routes a stanza that the client bound to {@code sender} sent. The stream has already
     * checked and stamped {@code from}. Runs the {@link Direction#FROM_CLIENT} hooks first.
     */
    public void routeFromClient(Jid sender, Element stanza) {
        StanzaKind kind = Objects.requireNonNull(StanzaKinds.of(stanza), "not a stanza");
        if (kind == StanzaKind.IQ && !isValidIq(stanza)) {
            bounce(stanza.withAttribute("to", domain), StanzaErrorCondition.BAD_REQUEST,
                    "An IQ needs an id, a type of get, set, result or error, and a get or set exactly one child");
            return;
        }

        Jid to = resolveTo(stanza, sender);
        if (to == null) {
            return;
        }
        if (kind == StanzaKind.PRESENCE && stanza.attribute("to") == null && isBroadcastType(stanza)) {
            // Availability is a fact of the session table, recorded even when a module handles the broadcast.
            sessions.setPresence(sender, stanza);
        }

        if (runHooks(new StanzaContext(stanza, sender, to, StanzaEvent.of(kind, Direction.FROM_CLIENT)))) {
            return;
        }
        deliver(stanza, kind, sender, to);
    }

    /** Routes a stanza that a module or the server itself sends; {@code from} must be set. */
    public void route(Element stanza) {
        StanzaKind kind = StanzaKinds.of(stanza);
        if (kind == null) {
            throw new IllegalArgumentException("Only message, presence and iq in jabber:client can be routed, got <"
                    + stanza.name() + "> in '" + stanza.namespace() + "'");
        }
        String fromText = stanza.attribute("from");
        if (fromText == null) {
            throw new IllegalArgumentException("A routed stanza needs a 'from' address: " + stanza.toXml());
        }
        Jid from = Jid.parse(fromText);
        Jid to = resolveTo(stanza, from);
        if (to != null) {
            deliver(stanza, kind, from, to);
        }
    }

    /** Returns the recipient, the sender's bare JID for a stanza without {@code to}, or null after bouncing an invalid one. */
    private Jid resolveTo(Element stanza, Jid sender) {
        String toText = stanza.attribute("to");
        if (toText == null) {
            return sender.bare();
        }
        try {
            return Jid.parse(toText);
        } catch (InvalidJidException e) {
            bounce(stanza.withoutAttribute("to"), StanzaErrorCondition.JID_MALFORMED,
                    "The 'to' address '" + toText + "' is not a valid JID");
            return null;
        }
    }

    private void deliver(Element stanza, StanzaKind kind, Jid from, Jid to) {
        if (!to.domainpart().equals(domainJid.domainpart())) {
            // NOTE: no server-to-server connections yet, so every remote domain is unreachable.
            bounce(stanza, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND,
                    "This server does not connect to other domains such as '" + to.domainpart() + "'");
            return;
        }
        if (to.localpart() == null) {
            toServer(stanza, kind, from, to);
            return;
        }
        if (runHooks(new StanzaContext(stanza, from, to, StanzaEvent.of(kind, Direction.TO_ACCOUNT)))) {
            return;
        }
        if (to.isFull()) {
            toFullJid(stanza, kind, from, to);
        } else {
            toBareJid(stanza, kind, from, to);
        }
    }

    /** Stanzas to the domain (RFC 6120 section 10.3): the server handles IQ requests and drops the rest. */
    private void toServer(Element stanza, StanzaKind kind, Jid from, Jid to) {
        switch (kind) {
            case IQ -> {
                if (!StanzaKinds.isIqRequest(stanza)) {
                    return;
                }
                if (to.isFull()) {
                    bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE, "The server has no resource '"
                            + to.resourcepart() + "'");
                    return;
                }
                dispatchIq(stanza, IqTarget.SERVER, from, to);
            }
            case MESSAGE -> bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE,
                    "The server itself does not accept messages");
            case PRESENCE -> {
                // Directed presence to the server means nothing without a module.
            }
        }
    }

    /** RFC 6121 section 8.5.3: a full JID of a local account. */
    private void toFullJid(Element stanza, StanzaKind kind, Jid from, Jid to) {
        if (sessions.deliver(to, stanza)) {
            return;
        }
        switch (kind) {
            case IQ -> bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE,
                    "No session is bound to '" + to + "'");
            case MESSAGE -> {
                String type = StanzaKinds.messageType(stanza);
                if (type.equals("groupchat")) {
                    bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE, "No session is bound to '" + to + "'");
                } else if (!type.equals("error")) {
                    toBareJid(stanza, kind, from, to.bare());
                }
            }
            case PRESENCE -> {
                if (isSubscriptionType(stanza)) {
                    toBareJid(stanza, kind, from, to.bare());
                }
            }
        }
    }

    /** RFC 6121 sections 8.5.1 and 8.5.2: a bare JID of a local account. */
    private void toBareJid(Element stanza, StanzaKind kind, Jid from, Jid to) {
        if (kind == StanzaKind.IQ) {
            if (StanzaKinds.isIqRequest(stanza)) {
                if (accountExists(to)) {
                    dispatchIq(stanza, IqTarget.ACCOUNT, from, to);
                } else {
                    bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE, null);
                }
            }
            return;
        }

        List<SessionEntry> available = sessions.entries(to).stream().filter(SessionEntry::available).toList();
        if (available.isEmpty() && !accountExists(to)) {
            if (kind == StanzaKind.MESSAGE) {
                // Silently dropping would also be allowed; an error informs the sender that the message is lost.
                bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE, null);
            }
            return;
        }

        if (kind == StanzaKind.PRESENCE) {
            if (!"probe".equals(stanza.attribute("type"))) {
                available.forEach(entry -> sessions.deliver(entry.fullJid(), stanza));
            }
            return;
        }
        messageToBareJid(stanza, to, available);
    }

    /** RFC 6121 section 8.5.2.1.1 and 8.5.2.2.1: a message to an account's bare JID. */
    private void messageToBareJid(Element stanza, Jid to, List<SessionEntry> available) {
        List<SessionEntry> nonNegative = available.stream().filter(entry -> entry.priority() >= 0).toList();
        switch (StanzaKinds.messageType(stanza)) {
            case "error" -> {
                // An error never gets an error reply, and an error to a bare JID has no session to go to.
            }
            case "groupchat" -> bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE,
                    "A groupchat message cannot be sent to a user's bare JID");
            case "headline" -> nonNegative.forEach(entry -> sessions.deliver(entry.fullJid(), stanza));
            default -> {
                // normal and chat go to the highest-priority non-negative resources, all of them on a tie.
                int highest = nonNegative.stream().mapToInt(SessionEntry::priority).max().orElse(Integer.MIN_VALUE);
                List<SessionEntry> targets = nonNegative.stream().filter(e -> e.priority() == highest).toList();
                if (targets.isEmpty()) {
                    bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE, "'" + to + "' is offline");
                    return;
                }
                targets.forEach(entry -> sessions.deliver(entry.fullJid(), stanza));
            }
        }
    }

    private void dispatchIq(Element stanza, IqTarget target, Jid from, Jid to) {
        // An IQ with no 'to' is addressed to the sender's own account (RFC 6120 section
        // 10.3.3), so an error reply must come from that account's bare JID.
        stanza = stanza.withAttribute("to", to.toString());
        Element payload = stanza.children().getFirst();
        IqRequest request = new IqRequest(stanza, from, to, payload);
        ModuleDispatch.IqOutcome outcome;
        try {
            outcome = modules.dispatchIq(target, request);
        } catch (RuntimeException e) {
            LOG.warn("IQ handler for '{}' failed on a request from '{}'", payload.namespace(), from, e);
            bounce(stanza, StanzaErrorCondition.INTERNAL_SERVER_ERROR, null);
            return;
        }
        switch (outcome) {
            case ModuleDispatch.IqOutcome.Unhandled unhandled -> bounce(stanza, StanzaErrorCondition.SERVICE_UNAVAILABLE,
                    null);
            case ModuleDispatch.IqOutcome.Replied replied -> route(replied.reply());
            case ModuleDispatch.IqOutcome.Deferred deferred -> {
                // The module routes the reply itself.
            }
        }
    }

    /** Runs hooks and returns true when one handled the stanza or answered it with an error. */
    private boolean runHooks(StanzaContext context) {
        try {
            return modules.runHooks(context) == HookResult.HANDLED;
        } catch (StanzaException e) {
            bounce(context.stanza().withAttribute("to", context.to().toString()), e.error());
            return true;
        }
    }

    private boolean accountExists(Jid bareJid) {
        return !sessions.entries(bareJid).isEmpty() || accounts.exists(bareJid.localpart());
    }

    private void bounce(Element stanza, StanzaErrorCondition condition, String text) {
        bounce(stanza, StanzaError.of(condition, text).withBy(stanza.attribute("to")));
    }

    /** Sends {@code error} back to the stanza's sender, unless the stanza must not be answered with an error. */
    private void bounce(Element stanza, StanzaError error) {
        if (stanza.attribute("from") == null) {
            return;
        }
        error.replyTo(stanza).ifPresent(this::route);
    }

    private static boolean isBroadcastType(Element presence) {
        String type = presence.attribute("type");
        return type == null || type.equals("unavailable");
    }

    private static boolean isSubscriptionType(Element presence) {
        String type = presence.attribute("type");
        return type != null && (type.equals("subscribe") || type.equals("subscribed") || type.equals("unsubscribe")
                || type.equals("unsubscribed"));
    }

    /** RFC 6120 section 8.2.3: an id, a known type, and exactly one payload for get and set. */
    private static boolean isValidIq(Element iq) {
        String type = iq.attribute("type");
        if (iq.attribute("id") == null || type == null) {
            return false;
        }
        return switch (type) {
            case "get", "set" -> iq.children().size() == 1;
            case "result", "error" -> true;
            default -> false;
        };
    }
}
