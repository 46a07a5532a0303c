package dev.tern.mod.presence;

import dev.tern.xmpp.api.Jid;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources that sent available broadcast presence and have not gone unavailable since,
 * as full JID strings. The module keeps this itself, because the server's router records a
 * session's presence before the hooks run, so the session table cannot tell initial presence
 * (RFC 6121 section 4.2) from a later update. The set is handed as it is to the next version.
 */
final class Availability {

    private final Set<String> available;

    Availability() {
        this(ConcurrentHashMap.newKeySet());
    }

    private Availability(Set<String> available) {
        this.available = available;
    }

    /**
     * Takes over the set an earlier version exported, the very set rather than a copy.
     *
     * @throws IllegalArgumentException when {@code exported} is not a set of strings
     */
    @SuppressWarnings("unchecked")
    static Availability adopt(Object exported) {
        if (!(exported instanceof Set<?> set) || !set.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("Availability state must be a set of JID strings, got " + exported);
        }
        return new Availability((Set<String>) set);
    }

    /** Returns the live set to export. */
    Set<String> exported() {
        return available;
    }

    /** Records available presence of {@code resource}; returns true when it is the initial one. */
    boolean markAvailable(Jid resource) {
        return available.add(resource.toString());
    }

    /** Records that {@code resource} is unavailable; returns true when it was available. */
    boolean markUnavailable(Jid resource) {
        return available.remove(resource.toString());
    }
}
