package dev.tern.server.session;

import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.server.config.ConflictPolicy;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StreamErrorCondition;
import dev.tern.xmpp.api.module.Sessions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The session table: bare JID to bound resources, as ejabberd keeps its sessions in an ETS
 * table. Any process reads and updates it directly, so no single process serializes the
 * routing of all stanzas; each bare JID's resource list is replaced atomically under
 * {@link ConcurrentHashMap#compute}.
 *
 * <p>Delivery to a session is a message to its stream process, which writes the stanza.
 */
public final class SessionManager implements Sessions {

    private final Kernel kernel;
    private final ConcurrentHashMap<Jid, List<SessionEntry>> byBareJid = new ConcurrentHashMap<>();
    private final AtomicLong bindSequence = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();

    public SessionManager(Kernel kernel) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /**
     * Binds {@code fullJid} to the stream process {@code pid}. When another session has the
     * same full JID, {@link ConflictPolicy#KICK_OLD} replaces it and sends it a {@link Kick}
     * with {@code conflict}; {@link ConflictPolicy#REJECT_NEW} leaves it and returns a conflict.
     */
    public BindResult bind(Jid fullJid, Pid pid, ConflictPolicy policy) {
        return bind(fullJid, pid, policy, SessionStats.unknown());
    }

    /** Binds as {@link #bind(Jid, Pid, ConflictPolicy)} does, with the stream's connection facts and counters. */
    public BindResult bind(Jid fullJid, Pid pid, ConflictPolicy policy, SessionStats stats) {
        requireFull(fullJid);
        SessionEntry entry = new SessionEntry(fullJid, pid, bindSequence.incrementAndGet(), null, 0, false, false,
                stats);
        SessionEntry[] existing = new SessionEntry[1];
        boolean[] bound = new boolean[1];

        byBareJid.compute(fullJid.bare(), (bare, resources) -> {
            List<SessionEntry> updated = resources == null ? new ArrayList<>() : new ArrayList<>(resources);
            int index = indexOf(updated, fullJid);
            if (index >= 0) {
                existing[0] = updated.get(index);
                if (policy == ConflictPolicy.REJECT_NEW) {
                    return resources;
                }
                updated.set(index, entry);
            } else {
                updated.add(entry);
            }
            bound[0] = true;
            return List.copyOf(updated);
        });

        if (!bound[0]) {
            return new BindResult.Conflict(existing[0]);
        }
        if (existing[0] == null) {
            count.incrementAndGet();
        } else {
            kernel.send(existing[0].pid(), new Kick(StreamErrorCondition.CONFLICT,
                    "Another session bound the resource '" + fullJid.resourcepart() + "'"));
        }
        return new BindResult.Bound(entry, existing[0]);
    }

    /** Removes the binding of {@code fullJid} if {@code pid} still owns it, and returns the removed entry. */
    public Optional<SessionEntry> unbind(Jid fullJid, Pid pid) {
        SessionEntry[] removed = new SessionEntry[1];
        byBareJid.computeIfPresent(fullJid.bare(), (bare, resources) -> {
            int index = indexOf(resources, fullJid);
            if (index < 0 || !resources.get(index).pid().equals(pid)) {
                return resources;
            }
            removed[0] = resources.get(index);
            List<SessionEntry> updated = new ArrayList<>(resources);
            updated.remove(index);
            return updated.isEmpty() ? null : List.copyOf(updated);
        });
        if (removed[0] != null) {
            count.decrementAndGet();
        }
        return Optional.ofNullable(removed[0]);
    }

    /** Returns the bound entries of {@code bareJid} in bind order. */
    public List<SessionEntry> entries(Jid bareJid) {
        List<SessionEntry> resources = byBareJid.get(bareJid.bare());
        return resources == null ? List.of() : resources;
    }

    /** Returns the entry of {@code fullJid}. */
    public Optional<SessionEntry> entry(Jid fullJid) {
        if (!fullJid.isFull()) {
            return Optional.empty();
        }
        List<SessionEntry> resources = byBareJid.get(fullJid.bare());
        if (resources == null) {
            return Optional.empty();
        }
        int index = indexOf(resources, fullJid);
        return index < 0 ? Optional.empty() : Optional.of(resources.get(index));
    }

    /** Returns every bound session, grouped by bare JID, each group in bind order. */
    public List<SessionEntry> all() {
        List<SessionEntry> all = new ArrayList<>(count.get());
        byBareJid.values().forEach(all::addAll);
        return all;
    }

    /** Returns the number of bound sessions. */
    public int count() {
        return count.get();
    }

    /** Asks the session of {@code fullJid} to close with {@code condition}; returns false when none is bound. */
    public boolean kick(Jid fullJid, StreamErrorCondition condition, String text) {
        Optional<SessionEntry> target = entry(fullJid);
        target.ifPresent(entry -> kernel.send(entry.pid(), new Kick(condition, text)));
        return target.isPresent();
    }

    // ---------------------------------------------------------------- Sessions, the module API

    @Override
    public List<Session> resources(Jid bareJid) {
        return entries(bareJid).stream()
                .sorted(Comparator.comparingLong(SessionEntry::bindSequence))
                .map(SessionEntry::toSession)
                .toList();
    }

    @Override
    public Optional<Session> find(Jid fullJid) {
        return entry(fullJid).map(SessionEntry::toSession);
    }

    @Override
    public void setPresence(Jid fullJid, Element presence) {
        boolean available = presence.attribute("type") == null;
        int priority = available ? priorityOf(presence) : 0;
        update(fullJid, entry -> entry.withPresence(presence, priority, available));
    }

    @Override
    public void setRosterInterested(Jid fullJid) {
        update(fullJid, SessionEntry::withRosterInterested);
    }

    @Override
    public boolean deliver(Jid fullJid, Element stanza) {
        Optional<SessionEntry> target = entry(fullJid);
        target.ifPresent(entry -> kernel.send(entry.pid(), new Deliver(stanza)));
        return target.isPresent();
    }

    /**
     * Returns the priority of an available presence: the integer in {@code <priority/>} from
     * -128 to 127 (RFC 6121 section 4.7.2.3), or 0 when it is absent or invalid.
     */
    static int priorityOf(Element presence) {
        String text = presence.childText(Namespaces.CLIENT, "priority");
        if (text == null) {
            return 0;
        }
        try {
            int value = Integer.parseInt(text.trim());
            return value < -128 || value > 127 ? 0 : value;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void update(Jid fullJid, UnaryOperator<SessionEntry> change) {
        if (!fullJid.isFull()) {
            return;
        }
        byBareJid.computeIfPresent(fullJid.bare(), (bare, resources) -> {
            int index = indexOf(resources, fullJid);
            if (index < 0) {
                return resources;
            }
            List<SessionEntry> updated = new ArrayList<>(resources);
            updated.set(index, change.apply(resources.get(index)));
            return List.copyOf(updated);
        });
    }

    private static int indexOf(List<SessionEntry> resources, Jid fullJid) {
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i).fullJid().equals(fullJid)) {
                return i;
            }
        }
        return -1;
    }

    private static void requireFull(Jid jid) {
        if (!jid.isFull()) {
            throw new IllegalArgumentException("Only a full JID can be bound, got '" + jid + "'");
        }
    }
}
