package dev.tern.mod.roster;

import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.StanzaException;

/** The access rule for rosters: only the account that owns a roster may read and change it (RFC 6121 sections 2.1.3 and 2.3.3). */
final class RosterAccess {

    private RosterAccess() {
    }

    /** @throws StanzaException with {@code forbidden} when the request addresses another account's roster */
    static void requireOwnRoster(IqRequest request) throws StanzaException {
        if (!request.to().bare().equals(request.from().bare())) {
            throw new StanzaException(StanzaErrorCondition.FORBIDDEN,
                    "Only the account " + request.to().bare() + " may read or change its roster");
        }
    }
}
