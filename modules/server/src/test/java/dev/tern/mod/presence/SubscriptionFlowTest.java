package dev.tern.mod.presence;

import static dev.tern.mod.roster.harness.Stanzas.presence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions between two local accounts, where both servers' sides run on this server. */
class SubscriptionFlowTest {

    @TempDir
    Path directory;

    private PresenceFixture fixture;
    private TestClient alice;
    private TestClient bob;

    @BeforeEach
    void open() {
        fixture = new PresenceFixture(directory);
        alice = fixture.online("alice@example.com/phone", "Alice here");
        bob = fixture.online("bob@example.com/desk", "Bob here");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void requestApprovalAndPresence() {
        alice.request(Stanzas.rosterGet(null));

        alice.send(Stanzas.presence("subscribe", "bob@example.com"));

        assertThat(bob.drain()).containsExactly(presence("alice@example.com", "bob@example.com", "subscribe"));
        assertThat(fixture.state("alice@example.com", "bob@example.com").state())
                .isEqualTo(SubscriptionState.NONE_PENDING_OUT);
        assertThat(fixture.state("bob@example.com", "alice@example.com").state())
                .isEqualTo(SubscriptionState.NONE_PENDING_IN);
        Element askPush = alice.drain(Stanzas::isRosterPush).getFirst();
        assertThat(Stanzas.pushedItem(askPush).attribute("ask")).isEqualTo("subscribe");

        bob.send(Stanzas.presence("subscribed", "alice@example.com"));

        assertThat(fixture.state("alice@example.com", "bob@example.com"))
                .isEqualTo(new ContactSubscription(SubscriptionState.TO, false));
        assertThat(fixture.state("bob@example.com", "alice@example.com"))
                .isEqualTo(new ContactSubscription(SubscriptionState.FROM, false));
        assertThat(alice.drain(Stanzas::isPresence)).containsExactly(
                presence("bob@example.com", "alice@example.com", "subscribed"),
                PresenceFixture.availableFrom("bob@example.com/desk", "alice@example.com", "Bob here"));
        assertThat(bob.drain(Stanzas::isPresence)).isEmpty();
    }

    @Test
    void denialLeavesNoSubscription() {
        alice.send(Stanzas.presence("subscribe", "bob@example.com"));
        bob.drain();

        bob.send(Stanzas.presence("unsubscribed", "alice@example.com"));

        assertThat(fixture.state("alice@example.com", "bob@example.com").state()).isEqualTo(SubscriptionState.NONE);
        assertThat(fixture.state("bob@example.com", "alice@example.com").state()).isEqualTo(SubscriptionState.NONE);
        assertThat(alice.drain(Stanzas::isPresence))
                .containsExactly(presence("bob@example.com", "alice@example.com", "unsubscribed"));
    }

    @Test
    void cancellationSendsUnavailable() {
        fixture.setState("alice@example.com", "bob@example.com", SubscriptionState.TO);
        fixture.setState("bob@example.com", "alice@example.com", SubscriptionState.FROM);

        bob.send(Stanzas.presence("unsubscribed", "alice@example.com"));

        assertThat(alice.drain(Stanzas::isPresence)).containsExactly(
                presence("bob@example.com", "alice@example.com", "unsubscribed"),
                presence("bob@example.com/desk", "alice@example.com", "unavailable"));
        assertThat(fixture.state("alice@example.com", "bob@example.com").state()).isEqualTo(SubscriptionState.NONE);
    }

    @Test
    void unsubscribeStopsPresenceFromContact() {
        fixture.setState("alice@example.com", "bob@example.com", SubscriptionState.TO);
        fixture.setState("bob@example.com", "alice@example.com", SubscriptionState.FROM);

        alice.send(Stanzas.presence("unsubscribe", "bob@example.com"));

        assertThat(bob.drain(Stanzas::isPresence))
                .containsExactly(presence("alice@example.com", "bob@example.com", "unsubscribe"));
        assertThat(alice.drain(Stanzas::isPresence))
                .containsExactly(presence("bob@example.com/desk", "alice@example.com", "unavailable"));
        assertThat(fixture.state("bob@example.com", "alice@example.com").state()).isEqualTo(SubscriptionState.NONE);
    }

    @Test
    void requestWaitsForInitialPresence() {
        TestClient carol = fixture.harness.connect("carol@example.com/tablet");
        bob.send(Stanzas.presence("subscribe", "carol@example.com"));
        assertThat(carol.drain()).isEmpty();

        carol.send(Stanzas.available("Carol here"));

        assertThat(carol.drain(stanza -> "subscribe".equals(stanza.attribute("type"))))
                .containsExactly(presence("bob@example.com", "carol@example.com", "subscribe"));
    }
}
