package dev.tern.server.config;

/**
 * The resource binding rule for a request of a full JID that another session already
 * has (RFC 6120 section 7.7.2.2 lets the server choose).
 */
public enum ConflictPolicy {

    /** Bind the new session and close the old one with a {@code conflict} stream error. */
    KICK_OLD,

    /** Refuse the new binding with a {@code conflict} stanza error and keep the old session. */
    REJECT_NEW
}
