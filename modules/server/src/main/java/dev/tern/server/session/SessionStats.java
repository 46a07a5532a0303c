package dev.tern.server.session;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * The connection facts and stanza counters of one bound session, for management. Every copy of
 * the session's {@link SessionEntry} shares this object. Only the session's stream process
 * counts; any thread may read.
 *
 * @see SessionManager#bind(dev.tern.xmpp.api.Jid, dev.tern.kernel.Pid, dev.tern.server.config.ConflictPolicy, SessionStats)
 */
public final class SessionStats {

    /** The channel's own address object, formatted only when asked: a string per session would cost 56 bytes. */
    private final InetSocketAddress remoteAddress;
    private final String tlsProtocol;
    private final long sinceEpochMillis;
    // Plain volatile counters, not AtomicLongs: only the stream process writes them, and a
    // server holds millions of sessions, where two objects each add 48 bytes per session.
    private volatile long stanzasIn;
    private volatile long stanzasOut;

    /**
     * @param remoteAddress the client's address, or null when unknown
     * @param tlsProtocol   the negotiated TLS version, such as {@code TLSv1.3}, or null without TLS
     * @param since         when the resource was bound
     */
    public SessionStats(InetSocketAddress remoteAddress, String tlsProtocol, Instant since) {
        this.remoteAddress = remoteAddress;
        this.tlsProtocol = tlsProtocol;
        this.sinceEpochMillis = Objects.requireNonNull(since, "since").toEpochMilli();
    }

    /** Returns stats without connection facts, for sessions bound without a network connection. */
    public static SessionStats unknown() {
        return new SessionStats(null, null, Instant.now());
    }

    /** Returns the client's address as {@code host:port}, or null when unknown. */
    public String remoteAddress() {
        return remoteAddress == null ? null : remoteAddress.getHostString() + ":" + remoteAddress.getPort();
    }

    public String tlsProtocol() {
        return tlsProtocol;
    }

    public Instant since() {
        return Instant.ofEpochMilli(sinceEpochMillis);
    }

    /** Returns the stanzas received from the client since binding, the bind request included. */
    public long stanzasIn() {
        return stanzasIn;
    }

    /** Returns the stanzas written to the client since binding, the bind result included. */
    public long stanzasOut() {
        return stanzasOut;
    }

    /** Counts a stanza from the client; called by the session's stream process only. */
    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    public void countIn() {
        stanzasIn++;
    }

    /** Counts a stanza to the client; called by the session's stream process only. */
    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    public void countOut() {
        stanzasOut++;
    }
}
