package dev.tern.server.session;

import dev.tern.xmpp.api.Element;
import java.util.Objects;

/** The message that requests a session process to write {@code stanza} to its client. */
public record Deliver(Element stanza) {

    public Deliver {
        Objects.requireNonNull(stanza, "stanza");
    }
}
