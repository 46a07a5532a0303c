package dev.tern.xmpp.api.module;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import java.util.List;
import java.util.Optional;

/** The live sessions of local accounts, as the server's session manager keeps them. */
public interface Sessions {

    /** Returns the bound resources of {@code bareJid}, in bind order. */
    List<Session> resources(Jid bareJid);

    /** Returns the session bound to {@code fullJid}. */
    Optional<Session> find(Jid fullJid);

    /**
     * Records the broadcast presence of a session: available (with its priority) or, for type
     * {@code unavailable}, not available. Delivery to a bare JID reads this (RFC 6121 section 8.5).
     */
    void setPresence(Jid fullJid, Element presence);

    /** Marks that the session requested the roster, so it gets roster pushes (RFC 6121 section 2.1.6). */
    void setRosterInterested(Jid fullJid);

    /** Delivers a stanza straight to one session, with no hooks and no routing. Returns false when it is gone. */
    boolean deliver(Jid fullJid, Element stanza);

    /** One bound session. */
    record Session(Jid fullJid, Element presence, int priority, boolean available, boolean rosterInterested) {
    }
}
