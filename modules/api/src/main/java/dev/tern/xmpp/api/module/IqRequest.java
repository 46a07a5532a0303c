package dev.tern.xmpp.api.module;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StanzaError;
import java.util.Objects;

/**
 * An IQ request with its sender and target resolved.
 *
 * @param stanza  the request as received, {@code from} stamped by the server
 * @param from    the requester's full JID
 * @param to      the target: the server's domain, or the account's bare JID (the sender's own
 *                when the request had no {@code to})
 * @param payload the single child element that carries the request
 */
public record IqRequest(Element stanza, Jid from, Jid to, Element payload) {

    public IqRequest {
        Objects.requireNonNull(stanza, "stanza");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(payload, "payload");
    }

    /** Returns the request's {@code id}. */
    public String id() {
        return stanza.attribute("id");
    }

    /** Builds an empty result reply. */
    public Element result() {
        return result(null);
    }

    /** Builds a result reply carrying {@code child}, or an empty one when it is null. */
    public Element result(Element child) {
        Element.Builder reply = Element.builder(Namespaces.CLIENT, "iq")
                .attribute("from", to.toString())
                .attribute("to", from.toString())
                .attribute("id", id())
                .attribute("type", "result");
        if (child != null) {
            reply.child(child);
        }
        return reply.build();
    }

    /** Builds an error reply with {@code error}. */
    public Element error(StanzaError error) {
        Element request = stanza.withAttribute("from", from.toString()).withAttribute("to", to.toString());
        return error.replyTo(request).orElseThrow();
    }
}
