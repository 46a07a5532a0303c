package dev.tern.server.router;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.module.StanzaEvent.StanzaKind;

/** Classifies stanzas of a client stream (RFC 6120 section 8). */
public final class StanzaKinds {

    private StanzaKinds() {
    }

    /** Returns the kind of {@code element}, or null when it is no {@code jabber:client} stanza. */
    public static StanzaKind of(Element element) {
        if (!element.namespace().equals(Namespaces.CLIENT)) {
            return null;
        }
        return switch (element.name()) {
            case "message" -> StanzaKind.MESSAGE;
            case "presence" -> StanzaKind.PRESENCE;
            case "iq" -> StanzaKind.IQ;
            default -> null;
        };
    }

    /** Returns whether {@code iq} is a request (type get or set), which requires a reply. */
    public static boolean isIqRequest(Element iq) {
        String type = iq.attribute("type");
        return "get".equals(type) || "set".equals(type);
    }

    /** Returns the message type, with {@code normal} for a missing one (RFC 6121 section 5.2.2). */
    public static String messageType(Element message) {
        String type = message.attribute("type");
        return type == null ? "normal" : type;
    }
}
