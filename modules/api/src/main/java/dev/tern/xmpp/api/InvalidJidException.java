package dev.tern.xmpp.api;

import java.io.Serial;
import java.util.Locale;

/**
 * Thrown when a string or a part is not a valid XMPP address under RFC 7622. A server that
 * receives such an address in a stanza replies with the {@code jid-malformed} error.
 */
public final class InvalidJidException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The part of the address that failed preparation or enforcement. */
    public enum Part {
        LOCALPART,
        DOMAINPART,
        RESOURCEPART
    }

    private final Part part;
    private final String input;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param part   the offending part
     * @param input  the address or part as given, which is quoted in the message
     * @param reason why the part is invalid, as a sentence fragment such as "is empty"
     */
    public InvalidJidException(Part part, String input, String reason) {
        super("Invalid JID '" + input + "': the " + part.name().toLowerCase(Locale.ROOT) + " " + reason);
        this.part = part;
        this.input = input;
        this.reason = reason;
    }

    /** Returns the part of the address that is invalid. */
    public Part part() {
        return part;
    }

    /** Returns the address or part as given. */
    public String input() {
        return input;
    }

    /** Returns why the part is invalid. */
    public String reason() {
        return reason;
    }
}
