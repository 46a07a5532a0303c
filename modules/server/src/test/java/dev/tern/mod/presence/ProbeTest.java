package dev.tern.mod.presence;

import static dev.tern.mod.roster.harness.Stanzas.presence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presence probes (RFC 6121 section 4.3), sent by a remote server to a local account. */
class ProbeTest {

    private static final String ROMEO = "romeo@remote.example";

    @TempDir
    Path directory;

    private PresenceFixture fixture;

    @BeforeEach
    void open() {
        fixture = new PresenceFixture(directory);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void subscriberGetsPresenceOfEachResource() {
        fixture.setState("alice@example.com", ROMEO, SubscriptionState.FROM);
        fixture.online("alice@example.com/phone", "On the phone");
        fixture.online("alice@example.com/laptop", "On the laptop");
        fixture.harness.clearRemote();

        fixture.harness.receiveFromRemote(presence(ROMEO, "alice@example.com", "probe"));

        assertThat(fixture.harness.remote()).containsExactly(
                PresenceFixture.availableFrom("alice@example.com/phone", ROMEO, "On the phone"),
                PresenceFixture.availableFrom("alice@example.com/laptop", ROMEO, "On the laptop"));
    }

    @Test
    void strangerGetsUnsubscribed() {
        fixture.setState("alice@example.com", ROMEO, SubscriptionState.TO);
        TestClient phone = fixture.online("alice@example.com/phone", "On the phone");
        fixture.harness.clearRemote();

        fixture.harness.receiveFromRemote(presence(ROMEO, "alice@example.com", "probe"));

        assertThat(fixture.harness.remote()).containsExactly(presence("alice@example.com", ROMEO, "unsubscribed"));
        assertThat(phone.drain()).isEmpty();
    }

    @Test
    void noAvailableResourceGetsNoReply() {
        fixture.setState("alice@example.com", ROMEO, SubscriptionState.BOTH);
        fixture.harness.connect("alice@example.com/phone");

        fixture.harness.receiveFromRemote(presence(ROMEO, "alice@example.com", "probe"));

        assertThat(fixture.harness.remote()).isEmpty();
    }

    @Test
    void initialPresenceProbesRemoteContact() {
        fixture.setState("alice@example.com", ROMEO, SubscriptionState.TO);
        fixture.setState("alice@example.com", "juliet@remote.example", SubscriptionState.FROM);
        TestClient phone = fixture.harness.connect("alice@example.com/phone");

        phone.send(Stanzas.available("On the phone"));

        assertThat(fixture.harness.remote()).containsExactlyInAnyOrder(
                presence("alice@example.com", ROMEO, "probe"),
                PresenceFixture.availableFrom("alice@example.com/phone", "juliet@remote.example", "On the phone"));
    }

    @Test
    void clientProbeIsDropped() {
        fixture.setState("alice@example.com", ROMEO, SubscriptionState.TO);
        TestClient phone = fixture.online("alice@example.com/phone", "On the phone");
        fixture.harness.clearRemote();

        phone.send(Stanzas.presence("probe", ROMEO));

        assertThat(fixture.harness.remote()).isEmpty();
    }
}
