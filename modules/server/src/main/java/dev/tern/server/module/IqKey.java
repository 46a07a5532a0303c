package dev.tern.server.module;

import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import java.util.Objects;

/** The key of an IQ handler: the request's target, its type and its payload's namespace. */
record IqKey(IqTarget target, IqType type, String namespace) {

    IqKey {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public String toString() {
        return type.attribute() + " " + namespace + " to " + target;
    }
}
