package dev.tern.server.session;

import dev.tern.kernel.Pid;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.Sessions;
import java.util.Objects;

/**
 * One bound resource in the session table. Immutable: updates replace the entry.
 *
 * @param fullJid          the bound full JID
 * @param pid              the stream process that owns the connection
 * @param bindSequence     increases with each bind, so resources sort in bind order
 * @param presence         the last broadcast presence, or null before the first one
 * @param priority         the priority of that presence (RFC 6121 section 4.7.2.3), 0 without one
 * @param available        whether the last broadcast presence was available
 * @param rosterInterested whether the client requested the roster in this session
 * @param stats            the connection facts and stanza counters, shared by every copy of the entry
 */
public record SessionEntry(Jid fullJid, Pid pid, long bindSequence, Element presence, int priority, boolean available,
        boolean rosterInterested, SessionStats stats) {

    public SessionEntry {
        Objects.requireNonNull(fullJid, "fullJid");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(stats, "stats");
    }

    SessionEntry withPresence(Element value, int newPriority, boolean isAvailable) {
        return new SessionEntry(fullJid, pid, bindSequence, value, newPriority, isAvailable, rosterInterested, stats);
    }

    SessionEntry withRosterInterested() {
        return new SessionEntry(fullJid, pid, bindSequence, presence, priority, available, true, stats);
    }

    /** Returns the module API's view of this entry. */
    public Sessions.Session toSession() {
        return new Sessions.Session(fullJid, presence, priority, available, rosterInterested);
    }
}
