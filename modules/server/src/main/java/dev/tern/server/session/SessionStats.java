package dev.tern.server.session;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connection facts and stanza counters of one bound session, for management. Every copy of
 * the session's {@link SessionEntry} shares this object. Only the session's stream process
 * counts; any thread may read.
 *
 * @see SessionManager#bind(dev.tern.xmpp.api.Jid, dev.tern.kernel.Pid, dev.tern.server.config.ConflictPolicy, SessionStats)
 */
public final class SessionStats {

    private final String remoteAddress;
    private final String tlsProtocol;
    private final Instant since;
    private final AtomicLong stanzasIn = new AtomicLong();
    private final AtomicLong stanzasOut = new AtomicLong();

    /**
     * @param remoteAddress the client's address and port, or null when unknown
     * @param tlsProtocol   the negotiated TLS version, such as {@code TLSv1.3}, or null without TLS
     * @param since         when the resource was bound
     */
    public SessionStats(String remoteAddress, String tlsProtocol, Instant since) {
        this.remoteAddress = remoteAddress;
        this.tlsProtocol = tlsProtocol;
        this.since = Objects.requireNonNull(since, "since");
    }

    /** Returns stats without connection facts, for sessions bound without a network connection. */
    public static SessionStats unknown() {
        return new SessionStats(null, null, Instant.now());
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String tlsProtocol() {
        return tlsProtocol;
    }

    public Instant since() {
        return since;
    }

    /** Returns the stanzas received from the client since binding, the bind request included. */
    public long stanzasIn() {
        return stanzasIn.get();
    }

    /** Returns the stanzas written to the client since binding, the bind result included. */
    public long stanzasOut() {
        return stanzasOut.get();
    }

    public void countIn() {
        stanzasIn.incrementAndGet();
    }

    public void countOut() {
        stanzasOut.incrementAndGet();
    }
}
