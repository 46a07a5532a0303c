package dev.tern.mod.presence;

import dev.tern.xmpp.api.Jid;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The entities each session sent directed available presence to (RFC 6121 section 4.6), so
 * they get unavailable presence when the session goes unavailable or ends. Keys and values are
 * JID strings in a map of JDK types, which the module hands as it is to its next version.
 */
final class DirectedPresence {

    private final ConcurrentMap<String, Set<String>> targets;

    DirectedPresence() {
        this(new ConcurrentHashMap<>());
    }

    private DirectedPresence(ConcurrentMap<String, Set<String>> targets) {
        this.targets = targets;
    }

    /**
     * Takes over the map an earlier version exported. The very map is kept, not a copy, so
     * presence that the old version tracks while the switch is under way is not lost.
     *
     * @throws IllegalArgumentException when {@code exported} is not a map of JID strings to sets of JID strings
     */
    @SuppressWarnings("unchecked")
    static DirectedPresence adopt(Object exported) {
        if (!(exported instanceof ConcurrentMap<?, ?> map)) {
            throw new IllegalArgumentException("Directed presence state must be a ConcurrentMap, got "
                    + (exported == null ? "null" : exported.getClass().getName()));
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof Set<?> set)
                    || !set.stream().allMatch(String.class::isInstance)) {
                throw new IllegalArgumentException("Directed presence state must map JID strings to sets of JID "
                        + "strings, got entry " + entry);
            }
        }
        return new DirectedPresence((ConcurrentMap<String, Set<String>>) map);
    }

    /** Returns the live map to export. */
    ConcurrentMap<String, Set<String>> exported() {
        return targets;
    }

    /** Records that {@code session} sent available presence to {@code target}. */
    void sentAvailable(Jid session, Jid target) {
        targets.computeIfAbsent(session.toString(), key -> ConcurrentHashMap.newKeySet()).add(target.toString());
    }

    /** Records that {@code session} sent unavailable presence to {@code target}, which it no longer needs later. */
    void sentUnavailable(Jid session, Jid target) {
        targets.computeIfPresent(session.toString(), (key, set) -> {
            set.remove(target.toString());
            return set.isEmpty() ? null : set;
        });
    }

    /** Forgets and returns the targets of {@code session}. */
    List<Jid> clear(Jid session) {
        Set<String> removed = targets.remove(session.toString());
        return removed == null ? List.of() : removed.stream().map(Jid::parse).toList();
    }

    /** Returns the targets of {@code session}. */
    Set<String> targetsOf(Jid session) {
        return Set.copyOf(targets.getOrDefault(session.toString(), Set.of()));
    }
}
