package dev.tern.mod.presence;

import dev.tern.mod.presence.SubscriptionTables.Row;
import dev.tern.mod.presence.SubscriptionTables.Type;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.Subscription;
import dev.tern.xmpp.api.roster.SubscriptionState;

/**
 * The contact's server side of presence subscriptions (RFC 6121 sections 3.1.3, 3.1.6, 3.2.3,
 * 3.3.3 and 3.4): a subscription stanza arrives for a local account, from a local user or a
 * remote one. The state in the account's roster moves as Appendix A.3 specifies. The stanza is
 * delivered to the account's available resources where the table's deliver column is yes. An unanswered
 * subscribe stays recorded as Pending In, and {@link PresenceBroadcast} delivers it again when
 * the account next sends initial presence.
 */
final class InboundSubscriptions {

    private final ModuleContext context;
    private final RosterLink rosterLink;
    private final AccountResources resources;

    InboundSubscriptions(ModuleContext context, RosterLink rosterLink, AccountResources resources) {
        this.context = context;
        this.rosterLink = rosterLink;
        this.resources = resources;
    }

    void handle(StanzaContext stanza, Type type) throws StanzaException {
        Jid account = stanza.to().bare();
        Jid sender = stanza.from().bare();
        ContactSubscription[] before = new ContactSubscription[1];
        rosterLink.roster().update(account, sender, current -> {
            before[0] = current;
            return next(type, current);
        });
        SubscriptionState previous = before[0].state();

        if (type == Type.SUBSCRIBE && preApproved(before[0])) {
            // Section 3.4: a pre-approved request is approved on the account's behalf.
            context.route(PresenceStanzas.presence(account, sender, "subscribed"));
            resources.sendCurrentPresence(account, sender);
            return;
        }
        if (type == Type.SUBSCRIBE && previous.subscription().hasFrom()) {
            // Section 3.1.3: the sender is already subscribed, so the server confirms on the account's behalf.
            context.route(PresenceStanzas.presence(account, sender, "subscribed"));
            return;
        }

        if (SubscriptionTables.inbound(type, previous).forward()) {
            resources.deliverToAvailable(account, PresenceStanzas.readdressed(stanza.stanza(), sender, account));
        }
        if (type == Type.UNSUBSCRIBE && previous.subscription().hasFrom()) {
            // Section 3.3.3: the former subscriber learns that the account is unavailable to it.
            resources.sendUnavailable(account, sender);
        }
    }

    /** Returns the account's roster state after receiving {@code type} in {@code current}. */
    static ContactSubscription next(Type type, ContactSubscription current) {
        if (type == Type.SUBSCRIBE && preApproved(current)) {
            // None, None + Pending Out and To gain the From half: From, From + Pending Out and Both.
            Subscription gained = current.state().subscription() == Subscription.TO ? Subscription.BOTH : Subscription.FROM;
            SubscriptionState approvedState = SubscriptionState.of(gained, current.state().pendingOut(), false);
            return new ContactSubscription(approvedState, false);
        }
        Row row = SubscriptionTables.inbound(type, current.state());
        boolean approved = current.approved() && !row.next().subscription().hasFrom();
        return new ContactSubscription(row.next(), approved);
    }

    /** Returns whether a subscribe is pre-approved: the flag is set and no subscription from the sender exists. */
    private static boolean preApproved(ContactSubscription current) {
        SubscriptionState state = current.state();
        return current.approved() && !state.pendingIn() && !state.subscription().hasFrom();
    }
}
