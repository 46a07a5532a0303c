package dev.tern.server.module;

import java.util.Objects;

/** A service discovery identity (XEP-0030 section 3.1) that the server advertises. */
public record DiscoIdentity(String category, String type, String name) {

    public DiscoIdentity {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
    }
}
