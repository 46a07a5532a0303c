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

/** Directed presence (RFC 6121 section 4.6) and its cleanup when the session goes away. */
class DirectedPresenceTest {

    private static final String ROOM = "room@conference.remote.example/alice";

    @TempDir
    Path directory;

    private PresenceFixture fixture;
    private TestClient phone;

    @BeforeEach
    void open() {
        fixture = new PresenceFixture(directory);
        phone = fixture.online("alice@example.com/phone", "On the phone");
        fixture.harness.clearRemote();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void directedPresenceIsRoutedAsSent() {
        phone.send(Stanzas.available("Hello room").withAttribute("to", ROOM));

        assertThat(fixture.harness.remote())
                .containsExactly(PresenceFixture.availableFrom("alice@example.com/phone", ROOM, "Hello room"));
    }

    @Test
    void disconnectSendsUnavailableToTargets() {
        TestClient carol = fixture.online("carol@example.com/tablet", "Carol here");
        phone.send(Stanzas.available("Hello room").withAttribute("to", ROOM));
        phone.send(Stanzas.available("Hi Carol").withAttribute("to", "carol@example.com"));
        carol.drain();
        fixture.harness.clearRemote();

        fixture.harness.disconnect(phone);

        assertThat(fixture.harness.remote()).containsExactly(presence("alice@example.com/phone", ROOM, "unavailable"));
        assertThat(carol.drain()).containsExactly(presence("alice@example.com/phone", "carol@example.com", "unavailable"));
    }

    @Test
    void broadcastUnavailableSendsUnavailableToTargets() {
        phone.send(Stanzas.available("Hello room").withAttribute("to", ROOM));
        fixture.harness.clearRemote();

        phone.send(Stanzas.presence("unavailable", null));

        assertThat(fixture.harness.remote()).containsExactly(presence("alice@example.com/phone", ROOM, "unavailable"));
    }

    @Test
    void directedUnavailableEndsTracking() {
        phone.send(Stanzas.available("Hello room").withAttribute("to", ROOM));
        phone.send(Stanzas.presence("unavailable", ROOM));
        fixture.harness.clearRemote();

        fixture.harness.disconnect(phone);

        assertThat(fixture.harness.remote()).isEmpty();
    }

    @Test
    void subscriberGetsOneUnavailable() {
        fixture.setState("alice@example.com", "juliet@remote.example", SubscriptionState.FROM);
        phone.send(Stanzas.available("Hi Juliet").withAttribute("to", "juliet@remote.example"));
        fixture.harness.clearRemote();

        fixture.harness.disconnect(phone);

        assertThat(fixture.harness.remote())
                .containsExactly(presence("alice@example.com/phone", "juliet@remote.example", "unavailable"));
    }
}
