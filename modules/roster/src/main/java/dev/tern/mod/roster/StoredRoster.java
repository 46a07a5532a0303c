package dev.tern.mod.roster;

import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.Roster;
import dev.tern.xmpp.api.roster.RosterItem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The {@link Roster} API on the roster tables, pushing each changed item. */
final class StoredRoster implements Roster {

    private final RosterStore store;
    private final RosterPushes pushes;

    StoredRoster(RosterStore store, RosterPushes pushes) {
        this.store = store;
        this.pushes = pushes;
    }

    @Override
    public List<RosterItem> items(Jid owner) {
        return store.snapshot(owner.bare()).items();
    }

    @Override
    public Optional<RosterItem> item(Jid owner, Jid contact) {
        return store.item(owner.bare(), contact.bare());
    }

    @Override
    public List<Jid> pendingIn(Jid owner) {
        return store.pendingIn(owner.bare());
    }

    @Override
    public ContactSubscription subscription(Jid owner, Jid contact) {
        return store.subscription(owner.bare(), contact.bare());
    }

    @Override
    public ContactSubscription update(Jid owner, Jid contact, UnaryOperator<ContactSubscription> change) {
        Objects.requireNonNull(change, "change");
        UnaryOperator<ContactSubscription> checked = current -> Objects.requireNonNull(change.apply(current),
                "The subscription change returned null; return the current value to keep it");
        RosterStore.SubscriptionChange result = store.updateSubscription(owner.bare(), contact.bare(), checked);
        if (result.pushed() != null) {
            pushes.push(owner, RosterXml.item(result.pushed().item()), result.pushed().version());
        }
        return result.subscription();
    }
}
