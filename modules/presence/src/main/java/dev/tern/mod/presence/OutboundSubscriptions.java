package dev.tern.mod.presence;

import dev.tern.mod.presence.SubscriptionTables.Row;
import dev.tern.mod.presence.SubscriptionTables.Type;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.SubscriptionState;

/**
 * The user's server side of presence subscriptions (RFC 6121 sections 3.1.2, 3.2.2, 3.3.2 and
 * 3.4.2): a local user sends subscribe, subscribed, unsubscribe or unsubscribed. The state in the
 * user's roster moves as Appendix A.2 specifies. The stanza, stamped with the user's bare JID, is
 * routed to the contact where the table's route column is yes. Whether the contact is local or remote makes no
 * difference here; the router takes a local contact's stanza to {@link InboundSubscriptions}.
 */
final class OutboundSubscriptions {

    private final ModuleContext context;
    private final RosterLink rosterLink;
    private final AccountResources resources;

    OutboundSubscriptions(ModuleContext context, RosterLink rosterLink, AccountResources resources) {
        this.context = context;
        this.rosterLink = rosterLink;
        this.resources = resources;
    }

    void handle(StanzaContext stanza, Type type) throws StanzaException {
        Jid user = stanza.from().bare();
        Jid contact = stanza.to().bare();
        ContactSubscription[] before = new ContactSubscription[1];
        rosterLink.roster().update(user, contact, current -> {
            before[0] = current;
            return next(type, current);
        });

        if (!routes(type, before[0])) {
            return;
        }
        context.route(PresenceStanzas.readdressed(stanza.stanza(), user, contact));

        if (type == Type.SUBSCRIBED) {
            // Section 3.1.5: the new subscriber gets the user's current presence at once.
            resources.sendCurrentPresence(user, contact);
        } else if (type == Type.UNSUBSCRIBED && before[0].state().subscription().hasFrom()) {
            // Section 3.2.2: the former subscriber learns that the user is unavailable to it.
            resources.sendUnavailable(user, contact);
        }
    }

    /** Returns the user's roster state after sending {@code type} in {@code current}. */
    static ContactSubscription next(Type type, ContactSubscription current) {
        SubscriptionState state = current.state();
        if (type == Type.SUBSCRIBED && preApproves(state)) {
            // Section 3.4.2: approving a request that has not come yet records a pre-approval.
            return current.withApproved(true);
        }
        Row row = SubscriptionTables.outbound(type, state);
        if (type == Type.UNSUBSCRIBED && !row.forward()) {
            // Section 3.4: "unsubscribed" with no request to deny cancels a pre-approval.
            return current.withApproved(false);
        }
        boolean approved = current.approved() && !row.next().subscription().hasFrom();
        return new ContactSubscription(row.next(), approved);
    }

    /** Returns whether the stanza goes on to the contact, given the state before it. */
    static boolean routes(Type type, ContactSubscription before) {
        if (type == Type.SUBSCRIBED && preApproves(before.state())) {
            return false;
        }
        return SubscriptionTables.outbound(type, before.state()).forward();
    }

    /** Returns whether "subscribed" in {@code state} is a pre-approval: no request is pending and the contact is not subscribed. */
    private static boolean preApproves(SubscriptionState state) {
        return !state.pendingIn() && !state.subscription().hasFrom();
    }
}
