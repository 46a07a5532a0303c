package dev.tern.xmpp.api.module;

/** Whom an IQ request is addressed to, as RFC 6120 section 10.3 and RFC 6121 section 8 distinguish. */
public enum IqTarget {
    /** The server itself: the bare domain. */
    SERVER,
    /** A local account's bare JID, including a request with no {@code to}, which means the sender's own account. */
    ACCOUNT
}
