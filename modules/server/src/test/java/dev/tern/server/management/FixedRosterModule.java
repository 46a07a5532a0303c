package dev.tern.server.management;

import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.Roster;
import dev.tern.xmpp.api.roster.RosterItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Provides a read-only {@link Roster} of fixed items, standing in for the roster module, which depends on the server. */
final class FixedRosterModule implements FeatureModule {

    private final Map<Jid, List<RosterItem>> rosters;

    FixedRosterModule(Map<Jid, List<RosterItem>> rosters) {
        this.rosters = rosters;
    }

    @Override
    public void start(ModuleContext context) {
        context.provide(Roster.class, new Roster() {
            @Override
            public List<RosterItem> items(Jid owner) {
                return rosters.getOrDefault(owner.bare(), List.of());
            }

            @Override
            public Optional<RosterItem> item(Jid owner, Jid contact) {
                return items(owner).stream().filter(item -> item.jid().equals(contact.bare())).findFirst();
            }

            @Override
            public List<Jid> pendingIn(Jid owner) {
                return List.of();
            }

            @Override
            public ContactSubscription subscription(Jid owner, Jid contact) {
                return ContactSubscription.NONE;
            }

            @Override
            public ContactSubscription update(Jid owner, Jid contact, UnaryOperator<ContactSubscription> change) {
                throw new UnsupportedOperationException("This roster is read-only");
            }
        });
    }
}
