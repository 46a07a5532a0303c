package dev.tern.server.management;

import dev.tern.xmpp.api.roster.RosterItem;
import java.util.List;

/**
 * One roster item as the management plane shows it (RFC 6121 section 2.1.2).
 *
 * @param jid          the contact's bare JID
 * @param name         the handle the owner gave the contact, or null
 * @param subscription {@code none}, {@code to}, {@code from} or {@code both}
 * @param ask          whether the owner's subscription request is unanswered
 * @param approved     whether the owner pre-approved the contact's request
 * @param groups       the item's groups
 */
public record RosterItemView(String jid, String name, String subscription, boolean ask, boolean approved,
        List<String> groups) {

    static RosterItemView of(RosterItem item) {
        return new RosterItemView(item.jid().toString(), item.name(), item.subscription().value(), item.ask(),
                item.approved(), item.groups());
    }
}
