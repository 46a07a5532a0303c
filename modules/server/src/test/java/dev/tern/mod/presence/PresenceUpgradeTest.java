package dev.tern.mod.presence;

import static dev.tern.mod.roster.harness.Stanzas.presence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot upgrades of the presence module to another version of the same code while presence flows. */
class PresenceUpgradeTest {

    private static final int BROADCASTS = 300;
    private static final int UPGRADES = 10;

    @TempDir
    Path directory;

    private PresenceFixture fixture;

    @BeforeEach
    void open() {
        fixture = new PresenceFixture(directory);
        for (int version = 2; version <= UPGRADES + 1; version++) {
            fixture.harness.addVersion("presence", "0.1." + version);
        }
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void upgradeWhileBroadcastsFlowLosesNone() throws Exception {
        fixture.mutual("alice@example.com", "bob@example.com");
        TestClient bob = fixture.online("bob@example.com/desk", "Bob here");
        TestClient phone = fixture.online("alice@example.com/phone", "Status start");
        bob.drain();
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread sender = Thread.ofPlatform().name("presence-sender").start(() -> {
            try {
                for (int i = 0; i < BROADCASTS; i++) {
                    phone.send(Stanzas.available("Status " + i));
                    sent.incrementAndGet();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });

        for (int version = 2; version <= UPGRADES + 1; version++) {
            fixture.harness.manager().upgrade("presence", "0.1." + version);
        }
        sender.join();

        assertThat(failure.get()).isNull();
        List<String> statuses = bob.drain().stream()
                .map(stanza -> stanza.childText(Namespaces.CLIENT, "status"))
                .toList();
        assertThat(statuses).isEqualTo(IntStream.range(0, BROADCASTS).mapToObj(i -> "Status " + i).toList());
        assertThat(fixture.harness.host().version("presence")).contains("0.1." + (UPGRADES + 1));
    }

    @Test
    void availabilitySurvivesUpgrade() {
        fixture.setState("alice@example.com", "dave@example.com", SubscriptionState.TO);
        fixture.setState("dave@example.com", "alice@example.com", SubscriptionState.FROM);
        fixture.online("dave@example.com/car", "Dave here");
        TestClient phone = fixture.online("alice@example.com/phone", "On the phone");

        fixture.harness.manager().upgrade("presence", "0.1.2");
        phone.send(Stanzas.available("Still on the phone"));

        assertThat(phone.drain(Stanzas::isPresence)).containsExactly(
                PresenceFixture.availableFrom("alice@example.com/phone", "alice@example.com", "Still on the phone"));
    }

    @Test
    void directedPresenceSurvivesUpgrade() {
        TestClient phone = fixture.online("alice@example.com/phone", "On the phone");
        String room = "room@conference.remote.example/alice";
        phone.send(Stanzas.available("Hello room").withAttribute("to", room));

        fixture.harness.manager().upgrade("presence", "0.1.2");
        fixture.harness.clearRemote();
        fixture.harness.disconnect(phone);

        Element expected = presence("alice@example.com/phone", room, "unavailable");
        assertThat(fixture.harness.remote()).containsExactly(expected);
    }
}
