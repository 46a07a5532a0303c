package dev.tern.mod.presence;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.Sessions;
import java.util.List;

/** The stanzas the server sends from or to all available resources of a local account. */
final class AccountResources {

    private final ModuleContext context;

    AccountResources(ModuleContext context) {
        this.context = context;
    }

    /** Returns the available resources of {@code account}, in bind order. */
    List<Sessions.Session> available(Jid account) {
        return context.sessions().resources(account.bare()).stream().filter(Sessions.Session::available).toList();
    }

    /** Routes the last presence of each available resource of {@code account} to {@code to}. */
    void sendCurrentPresence(Jid account, Jid to) {
        for (Sessions.Session session : available(account)) {
            context.route(PresenceStanzas.readdressed(session.presence(), session.fullJid(), to));
        }
    }

    /** Routes unavailable presence from each available resource of {@code account} to {@code to}. */
    void sendUnavailable(Jid account, Jid to) {
        for (Sessions.Session session : available(account)) {
            context.route(PresenceStanzas.presence(session.fullJid(), to, "unavailable"));
        }
    }

    /** Delivers {@code stanza} to each available resource of {@code account}, unchanged. */
    void deliverToAvailable(Jid account, Element stanza) {
        for (Sessions.Session session : available(account)) {
            context.sessions().deliver(session.fullJid(), stanza);
        }
    }
}
