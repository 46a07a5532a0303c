package dev.tern.xmpp.api.roster;

/**
 * The nine defined subscription states of RFC 6121 Appendix A.1, seen from the owner of a
 * roster towards one contact. "Pending Out" is the owner's unanswered request to the contact
 * (shown as {@code ask='subscribe'}); "Pending In" is the contact's unanswered request to the
 * owner, which a roster item does not show. States such as "To + Pending Out" cannot exist,
 * because a pending request for a subscription that is already in place is meaningless.
 */
public enum SubscriptionState {

    NONE(Subscription.NONE, false, false),
    NONE_PENDING_OUT(Subscription.NONE, true, false),
    NONE_PENDING_IN(Subscription.NONE, false, true),
    NONE_PENDING_OUT_IN(Subscription.NONE, true, true),
    TO(Subscription.TO, false, false),
    TO_PENDING_IN(Subscription.TO, false, true),
    FROM(Subscription.FROM, false, false),
    FROM_PENDING_OUT(Subscription.FROM, true, false),
    BOTH(Subscription.BOTH, false, false);

    private final Subscription subscription;
    private final boolean pendingOut;
    private final boolean pendingIn;

    SubscriptionState(Subscription subscription, boolean pendingOut, boolean pendingIn) {
        this.subscription = subscription;
        this.pendingOut = pendingOut;
        this.pendingIn = pendingIn;
    }

    /** Returns the subscription a roster item shows for this state. */
    public Subscription subscription() {
        return subscription;
    }

    /** Returns whether the owner's request to the contact is unanswered ({@code ask='subscribe'}). */
    public boolean pendingOut() {
        return pendingOut;
    }

    /** Returns whether the contact's request to the owner is unanswered. */
    public boolean pendingIn() {
        return pendingIn;
    }

    /**
     * Returns the defined state with these parts. A pending request in the direction that is
     * already subscribed is dropped, so {@code (TO, true, false)} is {@link #TO}.
     */
    public static SubscriptionState of(Subscription subscription, boolean pendingOut, boolean pendingIn) {
        boolean out = pendingOut && !subscription.hasTo();
        boolean in = pendingIn && !subscription.hasFrom();
        for (SubscriptionState state : values()) {
            if (state.subscription == subscription && state.pendingOut == out && state.pendingIn == in) {
                return state;
            }
        }
        throw new AssertionError("Every combination of subscription and pending flags maps to a defined state");
    }

    /** Returns the name RFC 6121 Appendix A uses, such as {@code None + Pending Out+In}. */
    public String rfcName() {
        String base = switch (subscription) {
            case NONE -> "None";
            case TO -> "To";
            case FROM -> "From";
            case BOTH -> "Both";
        };
        if (pendingOut && pendingIn) {
            return base + " + Pending Out+In";
        }
        if (pendingOut) {
            return base + " + Pending Out";
        }
        return pendingIn ? base + " + Pending In" : base;
    }
}
