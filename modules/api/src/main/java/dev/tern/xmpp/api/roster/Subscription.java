package dev.tern.xmpp.api.roster;

import java.util.Locale;

/** The {@code subscription} attribute of a roster item (RFC 6121 section 2.1.2.5), without {@code remove}. */
public enum Subscription {

    /** Neither party receives the other's presence. */
    NONE,

    /** The owner receives the contact's presence. */
    TO,

    /** The contact receives the owner's presence. */
    FROM,

    /** Both receive each other's presence. */
    BOTH;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** Returns the attribute value, such as {@code both}. */
    public String value() {
        return value;
    }

    /** Returns whether the owner is subscribed to the contact's presence ({@code to} or {@code both}). */
    public boolean hasTo() {
        return this == TO || this == BOTH;
    }

    /** Returns whether the contact is subscribed to the owner's presence ({@code from} or {@code both}). */
    public boolean hasFrom() {
        return this == FROM || this == BOTH;
    }

    /** Returns the subscription with the given {@code to} and {@code from} halves. */
    public static Subscription of(boolean to, boolean from) {
        if (to) {
            return from ? BOTH : TO;
        }
        return from ? FROM : NONE;
    }

    /**
     * Returns the subscription with the given attribute value.
     *
     * @throws IllegalArgumentException if the value is not none, to, from or both
     */
    public static Subscription fromValue(String value) {
        for (Subscription subscription : values()) {
            if (subscription.value.equals(value)) {
                return subscription;
            }
        }
        throw new IllegalArgumentException("Subscription '" + value + "' is not one of none, to, from or both");
    }
}
