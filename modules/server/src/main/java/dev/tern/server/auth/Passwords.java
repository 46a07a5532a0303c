package dev.tern.server.auth;

import java.nio.charset.StandardCharsets;

import rocks.xmpp.precis.PrecisProfiles;

/**
 * Preparation of passwords with the PRECIS OpaqueString profile (RFC 8265), which replaces
 * SASLprep (RFC 4013). A client that applies either one to a typical password gets the same
 * bytes, so its SCRAM proof matches the stored credential.
 */
public final class Passwords {

    private Passwords() {
    }

    /**
     * Enforces the OpaqueString profile on {@code password} and returns the result as UTF-8.
     *
     * @throws IllegalArgumentException if the password is empty or contains a character the
     *     profile disallows, such as a control character; the message never contains the
     *     password
     */
    public static byte[] prepare(String password) {
        String prepared;
        try {
            prepared = PrecisProfiles.OPAQUE_STRING.enforce(password);
        } catch (IllegalArgumentException e) {
            // The library's message quotes the offending character, so it stays out of ours.
            throw new IllegalArgumentException("Password is invalid: it must be non-empty and must not contain"
                    + " control characters or other characters that the PRECIS OpaqueString profile disallows");
        }
        return prepared.getBytes(StandardCharsets.UTF_8);
    }
}
