package dev.tern.server.management;

import dev.tern.server.auth.AccountStore;
import dev.tern.server.auth.Usernames;
import dev.tern.server.module.ModuleHost;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.roster.Roster;
import java.util.List;

/** Implements {@link RosterMXBean} through the {@link Roster} API that the roster module provides. */
final class RosterBean implements RosterMXBean {

    private final String domain;
    private final AccountStore accounts;
    private final ModuleHost modules;

    RosterBean(String domain, AccountStore accounts, ModuleHost modules) {
        this.domain = domain;
        this.accounts = accounts;
        this.modules = modules;
    }

    @Override
    public List<RosterItemView> show(String username) {
        String prepared = Usernames.prepare(username);
        if (!accounts.exists(prepared)) {
            throw new IllegalArgumentException("No account '" + prepared + "'");
        }
        Roster roster = modules.lookup(Roster.class).orElseThrow(() -> new IllegalStateException(
                "No running module provides rosters; start the roster module first"));
        return roster.items(Jid.of(prepared, domain, null)).stream().map(RosterItemView::of).toList();
    }
}
