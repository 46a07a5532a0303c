package dev.tern.xmpp.api.module;

import dev.tern.xmpp.api.Jid;

/** Gets told of sessions that bind a resource and that end. */
public interface SessionListener {

    /** A client bound {@code fullJid}; runs before the bind result is sent. */
    default void opened(Jid fullJid) {
    }

    /**
     * The session of {@code fullJid} ended (closed, kicked, replaced or lost). Runs after the
     * session left the session table, so it is no longer a delivery target.
     *
     * @param lastPresence the session's last broadcast presence, or null if it never sent one
     */
    default void closed(Jid fullJid, dev.tern.xmpp.api.Element lastPresence) {
    }
}
