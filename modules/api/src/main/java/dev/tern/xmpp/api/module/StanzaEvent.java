package dev.tern.xmpp.api.module;

import java.util.Objects;

/**
 * A point in a stanza's path where modules can hook in, named by the stanza's kind and where it
 * is in its path (as Prosody names its events, e.g. {@code pre-presence/bare}).
 *
 * @param kind      message, presence or iq
 * @param direction where in the path the hook runs
 */
public record StanzaEvent(StanzaKind kind, Direction direction) {

    public StanzaEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
    }

    /** The three stanza kinds of RFC 6120 section 8. */
    public enum StanzaKind {
        MESSAGE,
        PRESENCE,
        IQ
    }

    /** Where in its path a stanza is. */
    public enum Direction {
        /**
         * Sent by a local client, after the server stamped {@code from}, before routing. A hook
         * that handles the stanza stops it here.
         */
        FROM_CLIENT,
        /**
         * Addressed to a local account (bare or full JID), before delivery to its sessions. A
         * hook that handles the stanza takes over its delivery.
         */
        TO_ACCOUNT
    }

    public static StanzaEvent of(StanzaKind kind, Direction direction) {
        return new StanzaEvent(kind, direction);
    }
}
