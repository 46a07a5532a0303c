package dev.tern.server.management;

import dev.tern.server.session.SessionEntry;
import dev.tern.server.session.SessionStats;

/**
 * One bound resource as the management plane shows it, in open types only.
 *
 * @param jid           the full JID
 * @param pid           the stream process, as {@code <0.N.0>}
 * @param remoteAddress the client's {@code host:port}, or null when unknown
 * @param tlsProtocol   the negotiated TLS version, such as {@code TLSv1.3}, or null without TLS
 * @param since         when the resource was bound, as ISO-8601
 * @param stanzasIn     stanzas received from the client since binding
 * @param stanzasOut    stanzas written to the client since binding
 * @param available     whether the last broadcast presence was available
 * @param priority      the priority of that presence
 */
public record SessionView(
        String jid,
        String pid,
        String remoteAddress,
        String tlsProtocol,
        String since,
        long stanzasIn,
        long stanzasOut,
        boolean available,
        int priority) {

    static SessionView of(SessionEntry entry) {
        SessionStats stats = entry.stats();
        return new SessionView(entry.fullJid().toString(), entry.pid().toString(), stats.remoteAddress(),
                stats.tlsProtocol(), stats.since().toString(), stats.stanzasIn(), stats.stanzasOut(),
                entry.available(), entry.priority());
    }
}
