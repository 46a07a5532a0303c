package dev.tern.xmpp.api.roster;

import dev.tern.xmpp.api.Jid;
import java.util.List;
import java.util.Objects;

/**
 * One item of a roster, as a roster get returns it (RFC 6121 section 2.1.2).
 *
 * @param jid          the contact's address
 * @param name         the handle the owner gave the contact, or null for none
 * @param subscription the presence subscription between owner and contact
 * @param ask          whether the owner's subscription request is unanswered ({@code ask='subscribe'})
 * @param approved     whether the owner pre-approved a subscription request from the contact
 * @param groups       the groups the item belongs to, in the order the owner set them
 */
public record RosterItem(Jid jid, String name, Subscription subscription, boolean ask, boolean approved,
        List<String> groups) {

    public RosterItem {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(subscription, "subscription");
        groups = List.copyOf(groups);
    }
}
