package dev.tern.mod.roster;

import static dev.tern.mod.roster.harness.Stanzas.rosterGet;
import static dev.tern.mod.roster.harness.Stanzas.rosterSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterUpgradeTest {

    private static final int REQUESTS = 400;
    private static final int UPGRADES = 10;

    @TempDir
    Path directory;

    private RosterFixture fixture;

    @BeforeEach
    void open() {
        fixture = new RosterFixture(directory);
        for (int version = 2; version <= UPGRADES + 1; version++) {
            fixture.harness.addVersion("roster", "0.1." + version);
        }
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void upgradeWhileRequestsFlowLosesNone() throws Exception {
        TestClient phone = fixture.interested("alice@example.com/phone");
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread requester = Thread.ofPlatform().name("roster-requester").start(() -> {
            try {
                for (int i = 0; i < REQUESTS; i++) {
                    Element request = i % 2 == 0
                            ? rosterSet(Stanzas.item("contact" + i + "@example.com", "Contact " + i))
                            : rosterGet(null);
                    Element reply = phone.request(request);
                    if ("result".equals(reply.attribute("type"))) {
                        answered.incrementAndGet();
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });

        for (int version = 2; version <= UPGRADES + 1; version++) {
            fixture.harness.manager().upgrade("roster", "0.1." + version);
        }
        requester.join();

        assertThat(failure.get()).isNull();
        assertThat(answered).hasValue(REQUESTS);
        assertThat(fixture.harness.host().version("roster")).contains("0.1." + (UPGRADES + 1));
        Element roster = phone.request(rosterGet(null)).child(Namespaces.ROSTER, "query");
        assertThat(roster.children(Namespaces.ROSTER, "item")).hasSize(REQUESTS / 2);
        assertThat(roster.attribute("ver")).isEqualTo(String.valueOf(REQUESTS / 2));
        assertThat(phone.drain(Stanzas::isRosterPush)).hasSize(REQUESTS / 2);
    }
}
