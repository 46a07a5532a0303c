package dev.tern.server.router;

/** A lookup of whether a local account exists, so that stanzas to unknown users get RFC 6121 section 8.5.1 handling. */
@FunctionalInterface
public interface AccountDirectory {

    /** Returns whether the account with the prepared localpart {@code username} exists. */
    boolean exists(String username);
}
