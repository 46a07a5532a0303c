package dev.tern.mod.roster.harness;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.module.Sessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A session table in memory, as the server's session manager keeps one; each session's deliveries collect in its inbox. */
public final class InMemorySessions implements Sessions {

    /** One bound session. */
    static final class BoundSession {
        final Jid fullJid;
        final BlockingQueue<Element> inbox = new LinkedBlockingQueue<>();
        volatile Element presence;
        volatile boolean available;
        volatile int priority;
        volatile boolean rosterInterested;

        BoundSession(Jid fullJid) {
            this.fullJid = fullJid;
        }

        Session view() {
            return new Session(fullJid, presence, priority, available, rosterInterested);
        }
    }

    // Guarded by this; in bind order.
    private final Map<Jid, BoundSession> sessions = new LinkedHashMap<>();

    synchronized BoundSession bind(Jid fullJid) {
        if (sessions.containsKey(fullJid)) {
            throw new IllegalStateException("Resource " + fullJid + " is already bound");
        }
        BoundSession session = new BoundSession(fullJid);
        sessions.put(fullJid, session);
        return session;
    }

    /** Removes the session and returns its last broadcast presence, or null if it never sent one. */
    synchronized Element unbind(Jid fullJid) {
        BoundSession session = sessions.remove(fullJid);
        if (session == null) {
            throw new IllegalStateException("Resource " + fullJid + " is not bound");
        }
        return session.presence;
    }

    @Override
    public synchronized List<Session> resources(Jid bareJid) {
        List<Session> resources = new ArrayList<>();
        for (BoundSession session : sessions.values()) {
            if (session.fullJid.bare().equals(bareJid.bare())) {
                resources.add(session.view());
            }
        }
        return resources;
    }

    @Override
    public synchronized Optional<Session> find(Jid fullJid) {
        BoundSession session = sessions.get(fullJid);
        return session == null ? Optional.empty() : Optional.of(session.view());
    }

    @Override
    public synchronized void setPresence(Jid fullJid, Element presence) {
        BoundSession session = sessions.get(fullJid);
        if (session == null) {
            return;
        }
        session.presence = presence;
        session.available = presence.attribute("type") == null;
        session.priority = priorityOf(presence);
    }

    /** Returns the presence's priority, or 0 when it has none or an invalid one, which the presence module rejects. */
    private static int priorityOf(Element presence) {
        String priority = presence.childText(Namespaces.CLIENT, "priority");
        if (priority == null) {
            return 0;
        }
        try {
            return Integer.parseInt(priority.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public synchronized void setRosterInterested(Jid fullJid) {
        BoundSession session = sessions.get(fullJid);
        if (session != null) {
            session.rosterInterested = true;
        }
    }

    @Override
    public boolean deliver(Jid fullJid, Element stanza) {
        BoundSession session;
        synchronized (this) {
            session = sessions.get(fullJid);
        }
        if (session == null) {
            return false;
        }
        session.inbox.add(stanza);
        return true;
    }
}
