package dev.tern.mod.roster;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.roster.RosterItem;
import java.util.List;

/** The XML of roster items, roster results and roster pushes (RFC 6121 sections 2.1.2 to 2.1.6). */
final class RosterXml {

    private RosterXml() {
    }

    /**
     * Returns {@code <item/>} for {@code item}. The {@code ask} and {@code approved} attributes
     * appear only when true, as RFC 6121 sections 2.1.2.1 and 2.1.2.2 recommend.
     */
    static Element item(RosterItem item) {
        Element.Builder element = Element.builder(Namespaces.ROSTER, "item")
                .attribute("jid", item.jid().toString())
                .attribute("name", item.name())
                .attribute("subscription", item.subscription().value())
                .attribute("ask", item.ask() ? "subscribe" : null)
                .attribute("approved", item.approved() ? "true" : null);
        for (String group : item.groups()) {
            element.child(Element.builder(Namespaces.ROSTER, "group").text(group).build());
        }
        return element.build();
    }

    /** Returns the item of a roster push that announces the removal of {@code jid}. */
    static Element removedItem(Jid jid) {
        return Element.builder(Namespaces.ROSTER, "item")
                .attribute("jid", jid.toString())
                .attribute("subscription", "remove")
                .build();
    }

    /** Returns {@code <query ver='N'/>} with {@code items}. */
    static Element query(List<Element> items, long version) {
        Element.Builder query = Element.builder(Namespaces.ROSTER, "query").attribute("ver", String.valueOf(version));
        for (Element item : items) {
            query.child(item);
        }
        return query.build();
    }

    /** Returns the roster push of {@code item} to {@code to}; it has no {@code from}, which means the user's account. */
    static Element push(Jid to, String id, Element item, long version) {
        return Element.builder(Namespaces.CLIENT, "iq")
                .attribute("to", to.toString())
                .attribute("id", id)
                .attribute("type", "set")
                .child(query(List.of(item), version))
                .build();
    }
}
