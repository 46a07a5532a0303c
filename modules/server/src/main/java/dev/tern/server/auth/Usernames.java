package dev.tern.server.auth;

import java.nio.charset.StandardCharsets;

import rocks.xmpp.precis.PrecisProfiles;

/**
 * Preparation of account usernames, which are JID localparts: the PRECIS
 * UsernameCaseMapped profile (RFC 8265) plus the localpart rules of RFC 7622 section 3.3.
 */
public final class Usernames {

    /** The maximum length of a localpart in UTF-8 bytes. */
    public static final int MAX_LENGTH_BYTES = 1023;

    // RFC 7622 section 3.3.1 disallows these characters in localparts on top of the profile.
    private static final String DISALLOWED_CHARACTERS = "\"&'/:<>@";

    private Usernames() {
    }

    /**
     * Prepares {@code username} as a localpart: maps it to lower case and to its normal form,
     * and checks the characters and the length.
     *
     * @throws IllegalArgumentException naming the username if it is not a valid localpart
     */
    public static String prepare(String username) {
        String prepared;
        try {
            prepared = PrecisProfiles.USERNAME_CASE_MAPPED.enforce(username);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Username '" + username + "' is not a valid localpart: "
                    + e.getMessage(), e);
        }
        for (int i = 0; i < prepared.length(); i++) {
            if (DISALLOWED_CHARACTERS.indexOf(prepared.charAt(i)) >= 0) {
                throw new IllegalArgumentException("Username '" + username + "' is not a valid localpart: it contains '"
                        + prepared.charAt(i) + "', which is one of " + DISALLOWED_CHARACTERS);
            }
        }
        if (prepared.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH_BYTES) {
            throw new IllegalArgumentException("Username '" + username + "' is longer than " + MAX_LENGTH_BYTES
                    + " UTF-8 bytes");
        }
        return prepared;
    }

    /**
     * Checks that {@code username} is already prepared, which catches callers that pass raw
     * input to the account store.
     *
     * @throws IllegalArgumentException naming the username and its prepared form
     */
    public static void requirePrepared(String username) {
        String prepared = prepare(username);
        if (!prepared.equals(username)) {
            throw new IllegalArgumentException("Username '" + username + "' is not prepared. Pass the prepared"
                    + " localpart '" + prepared + "' from Usernames.prepare");
        }
    }
}
