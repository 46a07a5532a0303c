package dev.tern.mod.roster;

import static dev.tern.mod.roster.harness.Stanzas.errorCondition;
import static dev.tern.mod.roster.harness.Stanzas.presence;
import static dev.tern.mod.roster.harness.Stanzas.rosterGet;
import static dev.tern.mod.roster.harness.Stanzas.rosterSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterRemoveTest {

    private static final Jid ALICE = Jid.parse("alice@example.com");
    private static final String ROMEO = "romeo@remote.example";

    @TempDir
    Path directory;

    private RosterFixture fixture;
    private TestClient phone;

    @BeforeEach
    void open() {
        fixture = new RosterFixture(directory);
        phone = fixture.interested("alice@example.com/phone");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void removePushesRemoveAndDropsItem() {
        phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob", "Friends")));
        phone.drain();
        Element request = rosterSet(Stanzas.removeItem("bob@example.com"));

        Element reply = phone.request(request);

        assertThat(reply).isEqualTo(RosterFixture.result(request.attribute("id"), "alice@example.com/phone", null));
        assertThat(RosterSetTest.withoutIds(phone.drain())).containsExactly(RosterFixture.pushWithoutId(
                "alice@example.com/phone", 2, Stanzas.removeItem("bob@example.com")));
        assertThat(phone.request(rosterGet(null)).child(Namespaces.ROSTER, "query").children()).isEmpty();
        assertThat(fixture.harness.remote()).isEmpty();
    }

    @Test
    void removeUnknownItemIsItemNotFound() {
        Element reply = phone.request(rosterSet(Stanzas.removeItem("nobody@example.com")));

        assertThat(errorCondition(reply)).isEqualTo("item-not-found");
        assertThat(phone.drain()).isEmpty();
    }

    @Test
    void removeWithBothCancelsBothSubscriptions() {
        subscribe(SubscriptionState.BOTH);
        fixture.harness.sessions().setPresence(phone.jid(), Stanzas.presence(null, null));

        phone.request(rosterSet(Stanzas.removeItem(ROMEO)));

        assertThat(fixture.harness.remote()).containsExactly(
                presence("alice@example.com", ROMEO, "unsubscribe"),
                presence("alice@example.com", ROMEO, "unsubscribed"),
                presence("alice@example.com/phone", ROMEO, "unavailable"));
    }

    @Test
    void removeWithToSendsUnsubscribeOnly() {
        subscribe(SubscriptionState.TO);

        phone.request(rosterSet(Stanzas.removeItem(ROMEO)));

        assertThat(fixture.harness.remote()).containsExactly(presence("alice@example.com", ROMEO, "unsubscribe"));
    }

    @Test
    void removeWithFromSendsUnsubscribedOnly() {
        subscribe(SubscriptionState.FROM);

        phone.request(rosterSet(Stanzas.removeItem(ROMEO)));

        assertThat(fixture.harness.remote()).containsExactly(presence("alice@example.com", ROMEO, "unsubscribed"));
    }

    private void subscribe(SubscriptionState state) {
        fixture.roster().update(ALICE, Jid.parse(ROMEO), current -> new ContactSubscription(state, false));
        phone.drain();
    }
}
