package dev.tern.mod.presence;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;

/** Builders for the presence stanzas the server sends on its users' behalf. */
final class PresenceStanzas {

    private PresenceStanzas() {
    }

    /** Returns {@code <presence from to type/>}; a null type means available. */
    static Element presence(Jid from, Jid to, String type) {
        return Element.builder(Namespaces.CLIENT, "presence")
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .attribute("type", type)
                .build();
    }

    /** Returns {@code stanza} readdressed from {@code from} to {@code to}, keeping its type, id and children. */
    static Element readdressed(Element stanza, Jid from, Jid to) {
        return stanza.withAttribute("from", from.toString()).withAttribute("to", to.toString());
    }

    /** Returns whether a presence is available: it has no type. */
    static boolean isAvailable(Element presence) {
        return presence != null && presence.attribute("type") == null;
    }
}
