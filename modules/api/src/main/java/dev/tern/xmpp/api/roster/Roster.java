package dev.tern.xmpp.api.roster;

import dev.tern.xmpp.api.Jid;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The rosters of local accounts, which the roster module provides to other modules. Owners and
 * contacts are bare JIDs; a full JID is reduced to its bare JID.
 */
public interface Roster {

    /** Returns the items of {@code owner}'s roster, as a roster get returns them. */
    List<RosterItem> items(Jid owner);

    /** Returns the item for {@code contact} in {@code owner}'s roster, or empty when there is none. */
    Optional<RosterItem> item(Jid owner, Jid contact);

    /**
     * Returns the contacts whose subscription requests to {@code owner} are unanswered, including
     * those that have no roster item (RFC 6121 section 3.1.3 keeps such requests without one).
     */
    List<Jid> pendingIn(Jid owner);

    /** Returns the subscription state between {@code owner} and {@code contact}; {@link ContactSubscription#NONE} for strangers. */
    ContactSubscription subscription(Jid owner, Jid contact);

    /**
     * Changes the subscription state between {@code owner} and {@code contact} atomically and
     * returns the new one. {@code change} gets the current value and returns the new one; it may
     * run more than once when a concurrent update interferes, so it must not have side effects.
     *
     * <p>A roster item is created when the new value needs one (a subscription, a pending
     * outbound request or a pre-approval) and none exists; a state of None with only an inbound
     * request is kept without an item, as RFC 6121 section 3.1.3 requires. Items are never
     * removed here. When the item changes, the roster version advances and the item is pushed
     * to the owner's interested resources (RFC 6121 section 2.1.6).
     */
    ContactSubscription update(Jid owner, Jid contact, UnaryOperator<ContactSubscription> change);
}
