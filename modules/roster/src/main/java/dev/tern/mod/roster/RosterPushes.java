package dev.tern.mod.roster;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.Counter;
import dev.tern.xmpp.api.module.Sessions;
import java.util.concurrent.atomic.AtomicLong;

/** Sends roster pushes to the interested resources of an account: those that requested the roster (RFC 6121 section 2.1.6). */
final class RosterPushes {

    private final Sessions sessions;
    private final Counter pushes;
    private final AtomicLong ids = new AtomicLong();

    RosterPushes(Sessions sessions, Counter pushes) {
        this.sessions = sessions;
        this.pushes = pushes;
    }

    /** Pushes {@code item}, as of roster version {@code version}, to each interested resource of {@code owner}. */
    void push(Jid owner, Element item, long version) {
        for (Sessions.Session session : sessions.resources(owner.bare())) {
            if (session.rosterInterested()) {
                String id = "roster-push-" + ids.incrementAndGet();
                sessions.deliver(session.fullJid(), RosterXml.push(session.fullJid(), id, item, version));
                pushes.increment();
            }
        }
    }
}
