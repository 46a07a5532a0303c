package dev.tern.xmpp.api;

import java.util.Objects;

/**
 * An attribute of an {@link Element}.
 *
 * @param namespace the namespace name, or the empty string for an unqualified attribute such as
 *                  {@code to}; {@code xml:lang} has {@link Namespaces#XML}
 * @param name      the local name
 * @param value     the value with entities resolved
 */
public record Attribute(String namespace, String name, String value) {

    public Attribute {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
