package dev.tern.mod.presence;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.Sessions;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.roster.Roster;
import dev.tern.xmpp.api.roster.RosterItem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Broadcast presence, the presence a client sends without a {@code to}: initial presence
 * (RFC 6121 section 4.2), later updates (4.4) and unavailable presence (4.5), and the end of a
 * session that was available. Subscribers, the roster items with subscription {@code from} or
 * {@code both}, get it, and so do the user's own available resources, the sending one included
 * (4.2.2).
 */
final class PresenceBroadcast {

    private final ModuleContext context;
    private final RosterLink rosterLink;
    private final AccountResources resources;
    private final DirectedPresence directed;
    private final Availability availability;

    PresenceBroadcast(ModuleContext context, RosterLink rosterLink, AccountResources resources,
            DirectedPresence directed, Availability availability) {
        this.context = context;
        this.rosterLink = rosterLink;
        this.resources = resources;
        this.directed = directed;
        this.availability = availability;
    }

    void handle(StanzaContext stanza) throws StanzaException {
        Jid resource = stanza.from();
        Jid user = resource.bare();
        Element presence = stanza.stanza().withoutAttribute("to");
        context.sessions().setPresence(resource, presence);
        Roster roster = rosterLink.roster();
        List<RosterItem> items = roster.items(user);

        if (PresenceStanzas.isAvailable(presence)) {
            boolean initial = availability.markAvailable(resource);
            sendToSubscribers(items, presence);
            deliverToOwnResources(user, presence, null);
            if (initial) {
                startPresence(resource, items, roster);
            }
            return;
        }

        Set<Jid> notified = Set.of();
        if (availability.markUnavailable(resource)) {
            notified = sendToSubscribers(items, presence);
            deliverToOwnResources(user, presence, resource);
        }
        sendUnavailableToDirected(resource, notified);
    }

    /**
     * Tells subscribers and the user's other resources that the session of {@code resource}
     * ended (RFC 6121 section 4.5.2 for a session that ends without unavailable presence), and
     * sends unavailable presence to the entities it sent directed presence to (4.6.3).
     */
    void sessionClosed(Jid resource, Element lastPresence) throws StanzaException {
        Set<Jid> notified = Set.of();
        // The last presence also counts, for a session that became available before this module started.
        boolean wasAvailable = availability.markUnavailable(resource);
        if (wasAvailable || PresenceStanzas.isAvailable(lastPresence)) {
            Element unavailable = PresenceStanzas.presence(resource, resource.bare(), "unavailable")
                    .withoutAttribute("to");
            notified = sendToSubscribers(rosterLink.roster().items(resource.bare()), unavailable);
            deliverToOwnResources(resource.bare(), unavailable, resource);
        }
        sendUnavailableToDirected(resource, notified);
    }

    /**
     * The first available presence of a session: probes to the contacts the user is subscribed
     * to (section 4.3.1, from the user's bare JID to the contact's bare JID), the presence of the
     * user's other available resources, and the subscription requests still waiting for a
     * reply (section 3.1.3).
     */
    private void startPresence(Jid resource, List<RosterItem> items, Roster roster) {
        Jid user = resource.bare();
        for (RosterItem item : items) {
            if (item.subscription().hasTo()) {
                context.route(PresenceStanzas.presence(user, item.jid().bare(), "probe"));
            }
        }
        for (Sessions.Session other : resources.available(user)) {
            if (!other.fullJid().equals(resource)) {
                context.sessions().deliver(resource, PresenceStanzas.readdressed(other.presence(), other.fullJid(), user));
            }
        }
        for (Jid requester : roster.pendingIn(user)) {
            context.sessions().deliver(resource, PresenceStanzas.presence(requester, user, "subscribe"));
        }
    }

    /** Routes {@code presence} to each subscriber's bare JID and returns those JIDs. */
    private Set<Jid> sendToSubscribers(List<RosterItem> items, Element presence) {
        Set<Jid> subscribers = new HashSet<>();
        for (RosterItem item : items) {
            if (item.subscription().hasFrom()) {
                Jid subscriber = item.jid().bare();
                subscribers.add(subscriber);
                context.route(presence.withAttribute("to", subscriber.toString()));
            }
        }
        return subscribers;
    }

    /** Delivers {@code presence} to the user's available resources other than {@code except}, addressed to the user's bare JID. */
    private void deliverToOwnResources(Jid user, Element presence, Jid except) {
        Element addressed = presence.withAttribute("to", user.toString());
        for (Sessions.Session session : resources.available(user)) {
            if (!session.fullJid().equals(except)) {
                context.sessions().deliver(session.fullJid(), addressed);
            }
        }
    }

    /** Sends unavailable presence to the directed-presence targets of {@code resource} that the broadcast did not reach. */
    private void sendUnavailableToDirected(Jid resource, Set<Jid> notified) {
        for (Jid target : directed.clear(resource)) {
            if (!notified.contains(target.bare())) {
                context.route(PresenceStanzas.presence(resource, target, "unavailable"));
            }
        }
    }
}
