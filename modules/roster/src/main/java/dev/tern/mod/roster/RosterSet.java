package dev.tern.mod.roster;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.InvalidJidException;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.module.IqHandler;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.Sessions;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.roster.RosterItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Handles a roster set: adding or updating an item (RFC 6121 sections 2.3 and 2.4) or removing
 * one (section 2.5). Only the name and the groups come from the client; the {@code subscription}
 * attribute other than {@code remove}, {@code ask} and {@code approved} are ignored, because the
 * server alone changes subscription states (sections 2.1.2.1, 2.1.2.2 and 2.1.2.5).
 */
final class RosterSet implements IqHandler {

    private final RosterStore store;
    private final RosterPushes pushes;
    private final ModuleContext context;
    private final int maxNameLength;
    private final int maxGroupLength;

    RosterSet(RosterStore store, RosterPushes pushes, ModuleContext context, int maxNameLength, int maxGroupLength) {
        this.store = store;
        this.pushes = pushes;
        this.context = context;
        this.maxNameLength = maxNameLength;
        this.maxGroupLength = maxGroupLength;
    }

    @Override
    public Element handle(IqRequest request) throws Exception {
        RosterAccess.requireOwnRoster(request);
        Jid owner = request.to().bare();
        Element item = singleItem(request.payload());
        Jid contact = contactOf(item);

        if ("remove".equals(item.attribute("subscription"))) {
            remove(owner, contact);
            return request.result();
        }

        String name = item.attribute("name");
        if (name != null && name.length() > maxNameLength) {
            throw new StanzaException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "The item name is " + name.length() + " characters long; the maximum is " + maxNameLength);
        }
        List<String> groups = groupsOf(item);
        RosterStore.Change change = store.setItem(owner, contact, name, groups);
        pushes.push(owner, RosterXml.item(change.item()), change.version());
        return request.result();
    }

    /**
     * Removes the item, pushes the removal, and cancels the subscriptions in both directions
     * (RFC 6121 section 2.5.2): {@code unsubscribe} when the owner was subscribed to the contact,
     * and {@code unsubscribed} when the contact was subscribed to the owner, in which case the
     * contact also gets unavailable presence from the owner's available resources, as for any
     * cancelled subscription (section 3.2.2).
     */
    private void remove(Jid owner, Jid contact) throws StanzaException {
        Optional<RosterStore.Change> removed = store.removeItem(owner, contact);
        if (removed.isEmpty()) {
            throw new StanzaException(StanzaErrorCondition.ITEM_NOT_FOUND,
                    "The roster has no item for " + contact);
        }
        RosterItem previous = removed.get().item();
        pushes.push(owner, RosterXml.removedItem(contact), removed.get().version());

        if (previous.subscription().hasTo()) {
            context.route(presence(owner, contact, "unsubscribe"));
        }
        if (previous.subscription().hasFrom()) {
            context.route(presence(owner, contact, "unsubscribed"));
            for (Sessions.Session session : context.sessions().resources(owner)) {
                if (session.available()) {
                    context.route(presence(session.fullJid(), contact.bare(), "unavailable"));
                }
            }
        }
    }

    private static Element singleItem(Element query) throws StanzaException {
        List<Element> items = query.children(Namespaces.ROSTER, "item");
        if (items.size() != 1) {
            throw new StanzaException(StanzaErrorCondition.BAD_REQUEST,
                    "A roster set must contain exactly one item, but this one contains " + items.size());
        }
        return items.getFirst();
    }

    private static Jid contactOf(Element item) throws StanzaException {
        String jid = item.attribute("jid");
        if (jid == null) {
            throw new StanzaException(StanzaErrorCondition.BAD_REQUEST, "The roster item has no 'jid' attribute");
        }
        try {
            return Jid.parse(jid);
        } catch (InvalidJidException e) {
            throw new StanzaException(StanzaErrorCondition.JID_MALFORMED, e.getMessage());
        }
    }

    /** Reads the groups, rejecting what RFC 6121 section 2.3.3 lists: empty, too long, or duplicate groups. */
    private List<String> groupsOf(Element item) throws StanzaException {
        List<String> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Element group : item.children(Namespaces.ROSTER, "group")) {
            String groupName = group.text();
            if (groupName.isEmpty()) {
                throw new StanzaException(StanzaErrorCondition.NOT_ACCEPTABLE,
                        "A group name is empty; to leave all groups, send the item without group elements");
            }
            if (groupName.length() > maxGroupLength) {
                throw new StanzaException(StanzaErrorCondition.NOT_ACCEPTABLE, "A group name is "
                        + groupName.length() + " characters long; the maximum is " + maxGroupLength);
            }
            if (!seen.add(groupName)) {
                throw new StanzaException(StanzaErrorCondition.BAD_REQUEST,
                        "The group '" + groupName + "' appears more than once");
            }
            groups.add(groupName);
        }
        return groups;
    }

    private static Element presence(Jid from, Jid to, String type) {
        return Element.builder(Namespaces.CLIENT, "presence")
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .attribute("type", type)
                .build();
    }
}
