package dev.tern.mod.presence;

import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.roster.Roster;

/**
 * Finds the roster module's {@link Roster} on each use, so that a replaced roster module is
 * used from the next stanza on.
 */
final class RosterLink {

    private final ModuleContext context;

    RosterLink(ModuleContext context) {
        this.context = context;
    }

    /** @throws StanzaException with {@code internal-server-error} when no roster module runs */
    Roster roster() throws StanzaException {
        return context.lookup(Roster.class).orElseThrow(() -> new StanzaException(
                StanzaErrorCondition.INTERNAL_SERVER_ERROR,
                "Presence needs the roster, but no roster module is running"));
    }
}
