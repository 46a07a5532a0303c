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

/** Unavailable presence when a session ends without sending it (RFC 6121 section 4.5.2). */
class DisconnectTest {

    @TempDir
    Path directory;

    private PresenceFixture fixture;
    private TestClient bob;

    @BeforeEach
    void open() {
        fixture = new PresenceFixture(directory);
        fixture.mutual("alice@example.com", "bob@example.com");
        bob = fixture.online("bob@example.com/desk", "Bob here");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void availableSessionEndSendsUnavailable() {
        TestClient phone = fixture.online("alice@example.com/phone", "On the phone");
        TestClient laptop = fixture.online("alice@example.com/laptop", "On the laptop");
        bob.drain();

        fixture.harness.disconnect(phone);

        assertThat(bob.drain()).containsExactly(presence("alice@example.com/phone", "bob@example.com", "unavailable"));
        assertThat(laptop.drain()).containsExactly(
                presence("alice@example.com/phone", "alice@example.com", "unavailable"));
    }

    @Test
    void sessionThatNeverWasAvailableSendsNothing() {
        TestClient phone = fixture.harness.connect("alice@example.com/phone");
        bob.drain();

        fixture.harness.disconnect(phone);

        assertThat(bob.drain()).isEmpty();
    }

    @Test
    void sessionThatWentUnavailableSendsNothingMore() {
        TestClient phone = fixture.online("alice@example.com/phone", "On the phone");
        phone.send(Stanzas.presence("unavailable", null));
        bob.drain();

        fixture.harness.disconnect(phone);

        assertThat(bob.drain()).isEmpty();
        assertThat(fixture.state("bob@example.com", "alice@example.com").state()).isEqualTo(SubscriptionState.BOTH);
    }
}
