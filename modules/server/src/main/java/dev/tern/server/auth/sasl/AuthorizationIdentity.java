package dev.tern.server.auth.sasl;

import java.util.Locale;

import dev.tern.server.auth.Usernames;

/**
 * The rule for the authorization identity (authzid) of PLAIN and SCRAM: Tern accepts none,
 * or the bare JID of the authenticated account, and rejects acting for another entity.
 */
final class AuthorizationIdentity {

    private AuthorizationIdentity() {
    }

    /**
     * Returns whether {@code authzid} is empty or the bare JID {@code username@domain}. The
     * localpart is compared after preparation, and the domain without regard to ASCII case
     * or a trailing dot.
     *
     * <p>NOTE: the domain is not converted between Unicode and ASCII (IDNA) forms, so an
     * authzid with the other form of an internationalized domain is rejected.
     */
    static boolean permits(String authzid, String username, String domain) {
        if (authzid.isEmpty()) {
            return true;
        }
        int at = authzid.indexOf('@');
        if (at < 0 || authzid.indexOf('/') >= 0) {
            return false;
        }

        String localpart;
        try {
            localpart = Usernames.prepare(authzid.substring(0, at));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return localpart.equals(username) && normalizeDomain(authzid.substring(at + 1)).equals(normalizeDomain(domain));
    }

    private static String normalizeDomain(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
