package dev.tern.mod.presence;

import dev.tern.mod.roster.harness.ModuleHarness;
import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.Roster;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.nio.file.Path;

/** A harness running the roster and presence modules, with a handle on the Roster API. */
final class PresenceFixture implements AutoCloseable {

    final ModuleHarness harness;

    PresenceFixture(Path directory) {
        harness = new ModuleHarness(directory);
        harness.start("roster", "presence");
    }

    /** Returns the Roster API of the running roster module. */
    Roster roster() {
        return harness.roster();
    }

    /** Sets the state of {@code contact} in {@code owner}'s roster, with no pre-approval. */
    void setState(String owner, String contact, SubscriptionState state) {
        roster().update(Jid.parse(owner), Jid.parse(contact), current -> new ContactSubscription(state, false));
    }

    /** Returns the state of {@code contact} in {@code owner}'s roster. */
    ContactSubscription state(String owner, String contact) {
        return roster().subscription(Jid.parse(owner), Jid.parse(contact));
    }

    /** Makes {@code a} and {@code b} subscribed to each other's presence. */
    void mutual(String a, String b) {
        setState(a, b, SubscriptionState.BOTH);
        setState(b, a, SubscriptionState.BOTH);
    }

    /** Connects {@code fullJid}, sends initial presence with {@code status}, and empties its inbox. */
    TestClient online(String fullJid, String status) {
        TestClient client = harness.connect(fullJid);
        client.send(Stanzas.available(status));
        client.drain();
        return client;
    }

    /** Returns the available presence with {@code status} that a client's broadcast becomes, from {@code from} to {@code to}. */
    static Element availableFrom(String from, String to, String status) {
        return Stanzas.available(status).withAttribute("from", from).withAttribute("to", to);
    }

    @Override
    public void close() {
        harness.close();
    }
}
