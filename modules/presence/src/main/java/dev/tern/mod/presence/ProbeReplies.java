package dev.tern.mod.presence;

import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.roster.ContactSubscription;

/**
 * Replies to a presence probe to a local account (RFC 6121 section 4.3.2). A prober that is not
 * subscribed (the account's state for it is not From, From + Pending Out or Both) gets
 * "unsubscribed", so its server can correct its record; a subscriber gets the last presence of
 * each available resource. When the account has no available resource, the server does not
 * reply, which section 4.3.2 allows.
 */
final class ProbeReplies {

    private final ModuleContext context;
    private final RosterLink rosterLink;
    private final AccountResources resources;

    ProbeReplies(ModuleContext context, RosterLink rosterLink, AccountResources resources) {
        this.context = context;
        this.rosterLink = rosterLink;
        this.resources = resources;
    }

    void handle(StanzaContext probe) throws StanzaException {
        Jid account = probe.to().bare();
        ContactSubscription subscription = rosterLink.roster().subscription(account, probe.from().bare());
        if (!subscription.state().subscription().hasFrom()) {
            context.route(PresenceStanzas.presence(account, probe.from().bare(), "unsubscribed"));
            return;
        }
        resources.sendCurrentPresence(account, probe.from());
    }
}
