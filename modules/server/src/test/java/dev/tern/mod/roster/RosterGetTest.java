package dev.tern.mod.roster;

import static dev.tern.mod.roster.harness.Stanzas.errorCondition;
import static dev.tern.mod.roster.harness.Stanzas.rosterGet;
import static dev.tern.mod.roster.harness.Stanzas.rosterSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterGetTest {

    @TempDir
    Path directory;

    private RosterFixture fixture;

    @BeforeEach
    void open() {
        fixture = new RosterFixture(directory);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void emptyRosterHasVersionZero() {
        TestClient phone = fixture.harness.connect("alice@example.com/phone");
        Element request = rosterGet(null);

        Element reply = phone.request(request);

        assertThat(reply).isEqualTo(RosterFixture.result(request.attribute("id"), "alice@example.com/phone",
                Element.builder(Namespaces.ROSTER, "query").attribute("ver", "0").build()));
    }

    @Test
    void getReturnsItemsWithGroups() {
        TestClient phone = fixture.harness.connect("alice@example.com/phone");
        phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob", "Friends")));
        phone.request(rosterSet(Stanzas.item("carol@example.com", null)));
        Element request = rosterGet(null);

        Element reply = phone.request(request);

        Element expectedQuery = Element.builder(Namespaces.ROSTER, "query")
                .attribute("ver", "2")
                .child(RosterFixture.item("bob@example.com", "Bob", "none", null, null, "Friends"))
                .child(RosterFixture.item("carol@example.com", null, "none", null, null))
                .build();
        assertThat(reply).isEqualTo(RosterFixture.result(request.attribute("id"), "alice@example.com/phone",
                expectedQuery));
    }

    @Test
    void onlyRequestingSessionsGetPushes() {
        TestClient phone = fixture.harness.connect("alice@example.com/phone");
        TestClient laptop = fixture.harness.connect("alice@example.com/laptop");
        phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob")));
        assertThat(laptop.drain()).isEmpty();

        laptop.request(rosterGet(null));
        phone.request(rosterSet(Stanzas.item("carol@example.com", "Carol")));

        assertThat(laptop.drain(Stanzas::isRosterPush)).hasSize(1);
    }

    @Test
    void otherAccountsRosterIsForbidden() {
        TestClient phone = fixture.harness.connect("alice@example.com/phone");

        Element reply = phone.request(rosterGet(null).withAttribute("to", "bob@example.com"));

        assertThat(errorCondition(reply)).isEqualTo("forbidden");
    }
}
