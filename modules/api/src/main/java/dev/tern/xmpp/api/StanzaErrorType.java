package dev.tern.xmpp.api;

import java.util.Locale;

/** The {@code type} attribute of a stanza's {@code <error/>} element (RFC 6120 section 8.3.2). */
public enum StanzaErrorType {

    /** Retry after providing credentials. */
    AUTH,

    /** Do not retry, because the error cannot be remedied. */
    CANCEL,

    /** Proceed, because the condition was only a warning. */
    CONTINUE,

    /** Retry after changing the data sent. */
    MODIFY,

    /** Retry after waiting, because the error is temporary. */
    WAIT;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** Returns the attribute value, such as {@code cancel}. */
    public String value() {
        return value;
    }

    /** Returns the type with the given attribute value, or {@code null} if the value is not defined. */
    public static StanzaErrorType fromValue(String value) {
        for (StanzaErrorType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
