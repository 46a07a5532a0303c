package dev.tern.xmpp.api.module;

import java.util.Locale;

/** The request types of an IQ (RFC 6120 section 8.2.3); results and errors go back to the requester. */
public enum IqType {
    GET,
    SET;

    /** Returns the value of the {@code type} attribute. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }
}
