package dev.tern.xmpp.api;

import java.util.Objects;

/**
 * Character data inside an element, with entities and CDATA sections already resolved.
 *
 * <p>{@link Element} stores text as plain strings and creates these wrappers only when
 * {@link Element#nodes()} is read.
 */
public record Text(String value) implements Node {

    public Text {
        Objects.requireNonNull(value, "value");
    }
}
