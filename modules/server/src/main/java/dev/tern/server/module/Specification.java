package dev.tern.server.module;

import java.util.Objects;

/**
 * A specification a running module declared it implements, for the compliance table.
 *
 * @param module        the module's name
 * @param specification for example {@code RFC 6121}
 * @param version       the version of the specification
 * @param status        how completely the module implements it, for example {@code complete}
 */
public record Specification(String module, String specification, String version, String status) {

    public Specification {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(specification, "specification");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
    }
}
