package dev.tern.mod.presence;

import static dev.tern.mod.roster.harness.Stanzas.presence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broadcast of initial, subsequent and unavailable presence (RFC 6121 sections 4.2, 4.4 and 4.5). */
class BroadcastTest {

    @TempDir
    Path directory;

    private PresenceFixture fixture;
    private TestClient bob;
    private TestClient dave;

    @BeforeEach
    void open() {
        fixture = new PresenceFixture(directory);
        fixture.setState("alice@example.com", "bob@example.com", SubscriptionState.FROM);
        fixture.setState("bob@example.com", "alice@example.com", SubscriptionState.TO);
        bob = fixture.online("bob@example.com/desk", "Bob here");
        dave = fixture.online("dave@example.com/car", "Dave here");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void initialPresenceReachesSubscribersAndOwnResources() {
        TestClient laptop = fixture.online("alice@example.com/laptop", "On the laptop");
        TestClient phone = fixture.harness.connect("alice@example.com/phone");
        bob.drain();

        phone.send(Stanzas.available("On the phone"));

        Element toBob = PresenceFixture.availableFrom("alice@example.com/phone", "bob@example.com", "On the phone");
        Element toSelf = PresenceFixture.availableFrom("alice@example.com/phone", "alice@example.com", "On the phone");
        assertThat(bob.drain()).containsExactly(toBob);
        assertThat(dave.drain()).isEmpty();
        assertThat(laptop.drain()).containsExactly(toSelf);
        assertThat(phone.drain(Stanzas::isPresence)).containsExactly(toSelf,
                PresenceFixture.availableFrom("alice@example.com/laptop", "alice@example.com", "On the laptop"));
    }

    @Test
    void initialPresenceProbesContacts() {
        TestClient phone = fixture.harness.connect("alice@example.com/phone");
        fixture.setState("alice@example.com", "dave@example.com", SubscriptionState.TO);
        fixture.setState("dave@example.com", "alice@example.com", SubscriptionState.FROM);

        phone.send(Stanzas.available("On the phone"));

        assertThat(phone.drain(Stanzas::isPresence)).containsExactly(
                PresenceFixture.availableFrom("alice@example.com/phone", "alice@example.com", "On the phone"),
                PresenceFixture.availableFrom("dave@example.com/car", "alice@example.com", "Dave here"));
    }

    @Test
    void subsequentPresenceDoesNotProbeAgain() {
        TestClient phone = fixture.online("alice@example.com/phone", "On the phone");
        fixture.setState("alice@example.com", "dave@example.com", SubscriptionState.TO);
        fixture.setState("dave@example.com", "alice@example.com", SubscriptionState.FROM);
        bob.drain();

        phone.send(Stanzas.available("Away now"));

        assertThat(bob.drain()).containsExactly(
                PresenceFixture.availableFrom("alice@example.com/phone", "bob@example.com", "Away now"));
        assertThat(phone.drain(Stanzas::isPresence)).containsExactly(
                PresenceFixture.availableFrom("alice@example.com/phone", "alice@example.com", "Away now"));
        assertThat(dave.drain()).isEmpty();
    }

    @Test
    void unavailableReachesSubscribersAndOtherResources() {
        TestClient phone = fixture.online("alice@example.com/phone", "On the phone");
        TestClient laptop = fixture.online("alice@example.com/laptop", "On the laptop");
        bob.drain();

        phone.send(Stanzas.presence("unavailable", null));

        assertThat(bob.drain()).containsExactly(presence("alice@example.com/phone", "bob@example.com", "unavailable"));
        assertThat(laptop.drain()).containsExactly(
                presence("alice@example.com/phone", "alice@example.com", "unavailable"));
        assertThat(fixture.harness.sessions().find(phone.jid()).orElseThrow().available()).isFalse();
    }

    @Test
    void priorityIsRecordedForRouting() {
        TestClient phone = fixture.harness.connect("alice@example.com/phone");
        Element withPriority = Stanzas.available("Busy").toBuilder()
                .child(Element.builder(Namespaces.CLIENT, "priority").text("-5").build())
                .build();

        phone.send(withPriority);

        assertThat(fixture.harness.sessions().find(Jid.parse("alice@example.com/phone")).orElseThrow().priority())
                .isEqualTo(-5);
    }
}
