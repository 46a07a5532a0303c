package dev.tern.xmpp.api.roster;

import java.util.Objects;

/**
 * The record a roster keeps of the presence subscriptions between its owner and one contact:
 * the Appendix A state and the pre-approval flag of RFC 6121 section 3.4.
 *
 * @param state    the subscription state, including requests still pending in either direction
 * @param approved whether the owner pre-approved a subscription request from the contact
 */
public record ContactSubscription(SubscriptionState state, boolean approved) {

    /** A contact the roster has no record of: state None, not pre-approved. */
    public static final ContactSubscription NONE = new ContactSubscription(SubscriptionState.NONE, false);

    public ContactSubscription {
        Objects.requireNonNull(state, "state");
    }

    /** Returns a copy with another state. */
    public ContactSubscription withState(SubscriptionState newState) {
        return new ContactSubscription(newState, approved);
    }

    /** Returns a copy with another pre-approval flag. */
    public ContactSubscription withApproved(boolean newApproved) {
        return new ContactSubscription(state, newApproved);
    }
}
