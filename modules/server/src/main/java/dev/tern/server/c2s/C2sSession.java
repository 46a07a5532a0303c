package dev.tern.server.c2s;

import dev.tern.kernel.Pid;
import dev.tern.server.auth.sasl.SaslNegotiation;
import dev.tern.server.auth.sasl.SaslOutcome;
import dev.tern.server.net.ChannelConnection;
import dev.tern.server.session.SessionStats;
import dev.tern.xmpp.api.Jid;

/**
 * The data of one client stream's state machine. Mutable, and touched only by the stream's own
 * process.
 */
final class C2sSession {

    final Pid pid;
    final ChannelConnection connection;
    /** The SASL exchange; dropped once authentication succeeded, so an idle session does not keep it. */
    SaslNegotiation sasl;

    /** The id of the current stream header, new for each restart. */
    String streamId;
    /** Whether the server's header of the current stream was sent. */
    boolean headerSent;
    /** Whether the server sent {@code </stream:stream>}. */
    boolean closeSent;
    /** The authenticated account's prepared localpart, or null before SASL success. */
    String username;
    /** The bound full JID, or null before binding. */
    Jid fullJid;
    /** The session's connection facts and stanza counters, or null before binding. */
    SessionStats stats;
    /** A SASL failure waiting for the throttle's delay. */
    SaslOutcome delayedSaslFailure;
    /** The id of the unanswered XEP-0199 ping, or null. */
    String pingId;
    long pingCount;

    C2sSession(Pid pid, ChannelConnection connection, SaslNegotiation sasl) {
        this.pid = pid;
        this.connection = connection;
        this.sasl = sasl;
    }

    /** Returns the connection id for log messages, with the JID once one is bound. */
    String logId() {
        return fullJid == null ? connection.id() : connection.id() + " " + fullJid;
    }
}
