package dev.tern.mod.roster.harness;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import java.util.concurrent.atomic.AtomicLong;

/** Builders for the stanzas module tests send and expect. */
public final class Stanzas {

    private static final AtomicLong IDS = new AtomicLong();

    private Stanzas() {
    }

    /** Returns a fresh stanza id. */
    public static String nextId() {
        return "test-" + IDS.incrementAndGet();
    }

    /** Returns {@code <presence/>} with the given type (null for available) and recipient (null for a broadcast). */
    public static Element presence(String type, String to) {
        return Element.builder(Namespaces.CLIENT, "presence").attribute("type", type).attribute("to", to).build();
    }

    /** Returns a presence with the given addresses and type, as a server routes it. */
    public static Element presence(String from, String to, String type) {
        return Element.builder(Namespaces.CLIENT, "presence")
                .attribute("from", from)
                .attribute("to", to)
                .attribute("type", type)
                .build();
    }

    /** Returns available presence with a status text. */
    public static Element available(String status) {
        return Element.builder(Namespaces.CLIENT, "presence")
                .child(Element.builder(Namespaces.CLIENT, "status").text(status).build())
                .build();
    }

    /** Returns a roster get, with the {@code ver} attribute when {@code version} is not null. */
    public static Element rosterGet(String version) {
        return Element.builder(Namespaces.CLIENT, "iq")
                .attribute("type", "get")
                .attribute("id", nextId())
                .child(Element.builder(Namespaces.ROSTER, "query").attribute("ver", version).build())
                .build();
    }

    /** Returns a roster set carrying {@code items}. */
    public static Element rosterSet(Element... items) {
        Element.Builder query = Element.builder(Namespaces.ROSTER, "query");
        for (Element item : items) {
            query.child(item);
        }
        return Element.builder(Namespaces.CLIENT, "iq")
                .attribute("type", "set")
                .attribute("id", nextId())
                .child(query.build())
                .build();
    }

    /** Returns a roster {@code <item/>} with the given name and groups. */
    public static Element item(String jid, String name, String... groups) {
        Element.Builder item = Element.builder(Namespaces.ROSTER, "item").attribute("jid", jid).attribute("name", name);
        for (String group : groups) {
            item.child(Element.builder(Namespaces.ROSTER, "group").text(group).build());
        }
        return item.build();
    }

    /** Returns the item of a roster remove. */
    public static Element removeItem(String jid) {
        return Element.builder(Namespaces.ROSTER, "item").attribute("jid", jid).attribute("subscription", "remove").build();
    }

    /** Returns whether {@code stanza} is a roster push. */
    public static boolean isRosterPush(Element stanza) {
        return stanza.name().equals("iq") && "set".equals(stanza.attribute("type"))
                && stanza.child(Namespaces.ROSTER, "query") != null;
    }

    /** Returns whether {@code stanza} is a presence. */
    public static boolean isPresence(Element stanza) {
        return stanza.name().equals("presence");
    }

    /** Returns the single item of a roster push or result. */
    public static Element pushedItem(Element push) {
        return push.child(Namespaces.ROSTER, "query").child(Namespaces.ROSTER, "item");
    }

    /** Returns the condition element name of an error stanza, such as {@code bad-request}. */
    public static String errorCondition(Element stanza) {
        Element error = stanza.child(Namespaces.CLIENT, "error");
        if (error == null) {
            throw new AssertionError("Expected an error stanza, got " + stanza);
        }
        return error.children().getFirst().name();
    }
}
