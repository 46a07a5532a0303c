package dev.tern.mod.presence;

import static dev.tern.mod.roster.harness.Stanzas.presence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscription pre-approval (RFC 6121 section 3.4). */
class PreApprovalTest {

    @TempDir
    Path directory;

    private PresenceFixture fixture;
    private TestClient alice;
    private TestClient bob;

    @BeforeEach
    void open() {
        fixture = new PresenceFixture(directory);
        alice = fixture.online("alice@example.com/phone", "Alice here");
        alice.request(Stanzas.rosterGet(null));
        bob = fixture.online("bob@example.com/desk", "Bob here");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void preApprovalCreatesApprovedItem() {
        alice.send(Stanzas.presence("subscribed", "bob@example.com"));

        Element push = alice.drain(Stanzas::isRosterPush).getFirst();
        assertThat(Stanzas.pushedItem(push)).isEqualTo(Element.builder(Namespaces.ROSTER, "item")
                .attribute("jid", "bob@example.com")
                .attribute("subscription", "none")
                .attribute("approved", "true")
                .build());
        assertThat(bob.drain()).isEmpty();
    }

    @Test
    void preApprovedRequestIsApprovedAutomatically() {
        alice.send(Stanzas.presence("subscribed", "bob@example.com"));
        alice.drain();

        bob.send(Stanzas.presence("subscribe", "alice@example.com"));

        assertThat(alice.drain(Stanzas::isPresence)).isEmpty();
        assertThat(fixture.state("alice@example.com", "bob@example.com"))
                .isEqualTo(new ContactSubscription(SubscriptionState.FROM, false));
        assertThat(fixture.state("bob@example.com", "alice@example.com"))
                .isEqualTo(new ContactSubscription(SubscriptionState.TO, false));
        assertThat(bob.drain(Stanzas::isPresence)).containsExactly(
                presence("alice@example.com", "bob@example.com", "subscribed"),
                PresenceFixture.availableFrom("alice@example.com/phone", "bob@example.com", "Alice here"));
    }

    @Test
    void unsubscribedCancelsPreApproval() {
        alice.send(Stanzas.presence("subscribed", "bob@example.com"));

        alice.send(Stanzas.presence("unsubscribed", "bob@example.com"));

        assertThat(fixture.state("alice@example.com", "bob@example.com"))
                .isEqualTo(new ContactSubscription(SubscriptionState.NONE, false));
        assertThat(bob.drain()).isEmpty();

        bob.send(Stanzas.presence("subscribe", "alice@example.com"));
        assertThat(alice.drain(Stanzas::isPresence))
                .containsExactly(presence("bob@example.com", "alice@example.com", "subscribe"));
    }
}
