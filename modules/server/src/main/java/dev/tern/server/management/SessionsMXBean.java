package dev.tern.server.management;

import java.util.List;

/** The bound resources, as {@code tern:type=Sessions}. */
public interface SessionsMXBean {

    /** Returns the number of bound resources. */
    int getCount();

    /** Returns every bound resource, sorted by JID. */
    List<SessionView> list();

    /**
     * Returns the resource of a full JID, or every resource of a bare JID in bind order.
     *
     * @throws IllegalArgumentException when the JID is invalid or has no session
     */
    List<SessionView> show(String jid);

    /**
     * Closes the session of a full JID, or every session of a bare JID, with a stream error
     * (RFC 6120 section 4.9) and returns how many were asked to close. The streams close
     * asynchronously, each in its own process.
     *
     * @param condition the stream error condition, such as {@code policy-violation}; empty for that one
     * @param text      the error's text for the user; empty for none
     * @throws IllegalArgumentException when the JID or condition is invalid, or the JID has no session
     */
    int kick(String jid, String condition, String text);
}
