package dev.tern.mod.presence;

import static dev.tern.xmpp.api.roster.SubscriptionState.BOTH;
import static dev.tern.xmpp.api.roster.SubscriptionState.FROM;
import static dev.tern.xmpp.api.roster.SubscriptionState.FROM_PENDING_OUT;
import static dev.tern.xmpp.api.roster.SubscriptionState.NONE;
import static dev.tern.xmpp.api.roster.SubscriptionState.NONE_PENDING_IN;
import static dev.tern.xmpp.api.roster.SubscriptionState.NONE_PENDING_OUT;
import static dev.tern.xmpp.api.roster.SubscriptionState.NONE_PENDING_OUT_IN;
import static dev.tern.xmpp.api.roster.SubscriptionState.TO;
import static dev.tern.xmpp.api.roster.SubscriptionState.TO_PENDING_IN;

import dev.tern.xmpp.api.roster.SubscriptionState;
import java.util.EnumMap;
import java.util.Map;

/**
 * The subscription state tables of RFC 6121 Appendix A, row by row. A.2 is the user's server
 * handling a subscription stanza its own user sends: whether it routes the stanza on, and the
 * state that follows in the user's roster. A.3 is the contact's server handling one that
 * arrives for its local account: whether it delivers the stanza to the account's resources,
 * and the state that follows in the account's roster. Pre-approval (section 3.4) and the
 * automatic replies are applied by the callers on top of these tables.
 */
final class SubscriptionTables {

    /** One row: whether the stanza goes on (route or deliver), and the state after it. */
    record Row(boolean forward, SubscriptionState next) {
    }

    /** The four subscription stanza types. */
    enum Type {
        SUBSCRIBE, SUBSCRIBED, UNSUBSCRIBE, UNSUBSCRIBED;

        /** Returns the type of a presence {@code type} attribute, or null when it is no subscription type. */
        static Type of(String attribute) {
            return switch (attribute == null ? "" : attribute) {
                case "subscribe" -> SUBSCRIBE;
                case "subscribed" -> SUBSCRIBED;
                case "unsubscribe" -> UNSUBSCRIBE;
                case "unsubscribed" -> UNSUBSCRIBED;
                default -> null;
            };
        }
    }

    private static final Map<Type, Map<SubscriptionState, Row>> OUTBOUND = new EnumMap<>(Type.class);
    private static final Map<Type, Map<SubscriptionState, Row>> INBOUND = new EnumMap<>(Type.class);

    static {
        // A.2.1: an outbound subscribe is always routed.
        OUTBOUND.put(Type.SUBSCRIBE, table(
                NONE, true, NONE_PENDING_OUT,
                NONE_PENDING_OUT, true, NONE_PENDING_OUT,
                NONE_PENDING_IN, true, NONE_PENDING_OUT_IN,
                NONE_PENDING_OUT_IN, true, NONE_PENDING_OUT_IN,
                TO, true, TO,
                TO_PENDING_IN, true, TO_PENDING_IN,
                FROM, true, FROM_PENDING_OUT,
                FROM_PENDING_OUT, true, FROM_PENDING_OUT,
                BOTH, true, BOTH));
        // A.2.2: an outbound unsubscribe is always routed.
        OUTBOUND.put(Type.UNSUBSCRIBE, table(
                NONE, true, NONE,
                NONE_PENDING_OUT, true, NONE,
                NONE_PENDING_IN, true, NONE_PENDING_IN,
                NONE_PENDING_OUT_IN, true, NONE_PENDING_IN,
                TO, true, NONE,
                TO_PENDING_IN, true, NONE_PENDING_IN,
                FROM, true, FROM,
                FROM_PENDING_OUT, true, FROM,
                BOTH, true, FROM));
        // A.2.3
        OUTBOUND.put(Type.SUBSCRIBED, table(
                NONE, false, NONE,
                NONE_PENDING_OUT, false, NONE_PENDING_OUT,
                NONE_PENDING_IN, true, FROM,
                NONE_PENDING_OUT_IN, true, FROM_PENDING_OUT,
                TO, false, TO,
                TO_PENDING_IN, true, BOTH,
                FROM, false, FROM,
                FROM_PENDING_OUT, false, FROM_PENDING_OUT,
                BOTH, false, BOTH));
        // A.2.4
        OUTBOUND.put(Type.UNSUBSCRIBED, table(
                NONE, false, NONE,
                NONE_PENDING_OUT, false, NONE_PENDING_OUT,
                NONE_PENDING_IN, true, NONE,
                NONE_PENDING_OUT_IN, true, NONE_PENDING_OUT,
                TO, false, TO,
                TO_PENDING_IN, true, TO,
                FROM, true, NONE,
                FROM_PENDING_OUT, true, NONE_PENDING_OUT,
                BOTH, true, TO));

        // A.3.1: in From, From + Pending Out and Both the server replies "subscribed" itself.
        INBOUND.put(Type.SUBSCRIBE, table(
                NONE, true, NONE_PENDING_IN,
                NONE_PENDING_OUT, true, NONE_PENDING_OUT_IN,
                NONE_PENDING_IN, false, NONE_PENDING_IN,
                NONE_PENDING_OUT_IN, false, NONE_PENDING_OUT_IN,
                TO, true, TO_PENDING_IN,
                TO_PENDING_IN, false, TO_PENDING_IN,
                FROM, false, FROM,
                FROM_PENDING_OUT, false, FROM_PENDING_OUT,
                BOTH, false, BOTH));
        // A.3.2
        INBOUND.put(Type.UNSUBSCRIBE, table(
                NONE, false, NONE,
                NONE_PENDING_OUT, false, NONE_PENDING_OUT,
                NONE_PENDING_IN, true, NONE,
                NONE_PENDING_OUT_IN, true, NONE_PENDING_OUT,
                TO, false, TO,
                TO_PENDING_IN, true, TO,
                FROM, true, NONE,
                FROM_PENDING_OUT, true, NONE_PENDING_OUT,
                BOTH, true, TO));
        // A.3.3
        INBOUND.put(Type.SUBSCRIBED, table(
                NONE, false, NONE,
                NONE_PENDING_OUT, true, TO,
                NONE_PENDING_IN, false, NONE_PENDING_IN,
                NONE_PENDING_OUT_IN, true, TO_PENDING_IN,
                TO, false, TO,
                TO_PENDING_IN, false, TO_PENDING_IN,
                FROM, false, FROM,
                FROM_PENDING_OUT, true, BOTH,
                BOTH, false, BOTH));
        // A.3.4
        INBOUND.put(Type.UNSUBSCRIBED, table(
                NONE, false, NONE,
                NONE_PENDING_OUT, true, NONE,
                NONE_PENDING_IN, false, NONE_PENDING_IN,
                NONE_PENDING_OUT_IN, true, NONE_PENDING_IN,
                TO, true, NONE,
                TO_PENDING_IN, true, NONE_PENDING_IN,
                FROM, false, FROM,
                FROM_PENDING_OUT, true, FROM,
                BOTH, true, FROM));
    }

    private SubscriptionTables() {
    }

    /** Returns the row of Appendix A.2 for a stanza of {@code type} that the user sends in {@code state}. */
    static Row outbound(Type type, SubscriptionState state) {
        return OUTBOUND.get(type).get(state);
    }

    /** Returns the row of Appendix A.3 for a stanza of {@code type} that arrives for an account in {@code state}. */
    static Row inbound(Type type, SubscriptionState state) {
        return INBOUND.get(type).get(state);
    }

    /** Builds a table from (existing state, forward, next state) triples, checking that it covers all nine states. */
    private static Map<SubscriptionState, Row> table(Object... triples) {
        Map<SubscriptionState, Row> rows = new EnumMap<>(SubscriptionState.class);
        for (int index = 0; index < triples.length; index += 3) {
            rows.put((SubscriptionState) triples[index],
                    new Row((Boolean) triples[index + 1], (SubscriptionState) triples[index + 2]));
        }
        if (rows.size() != SubscriptionState.values().length) {
            throw new AssertionError("A subscription table must have one row per defined state, got " + rows.keySet());
        }
        return rows;
    }
}
