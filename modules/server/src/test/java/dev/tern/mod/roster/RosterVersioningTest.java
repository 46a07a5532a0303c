package dev.tern.mod.roster;

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

class RosterVersioningTest {

    @TempDir
    Path directory;

    private RosterFixture fixture;
    private TestClient phone;

    @BeforeEach
    void open() {
        fixture = new RosterFixture(directory);
        phone = fixture.harness.connect("alice@example.com/phone");
        phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob")));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void currentVersionGetsEmptyResult() {
        Element request = rosterGet("1");

        Element reply = phone.request(request);

        assertThat(reply).isEqualTo(RosterFixture.result(request.attribute("id"), "alice@example.com/phone", null));
    }

    @Test
    void staleVersionGetsWholeRoster() {
        phone.request(rosterSet(Stanzas.item("carol@example.com", "Carol")));

        Element reply = phone.request(rosterGet("1"));

        Element query = reply.child(Namespaces.ROSTER, "query");
        assertThat(query.attribute("ver")).isEqualTo("2");
        assertThat(query.children(Namespaces.ROSTER, "item")).extracting(item -> item.attribute("jid"))
                .containsExactly("bob@example.com", "carol@example.com");
    }

    @Test
    void emptyVersionGetsWholeRoster() {
        Element reply = phone.request(rosterGet(""));

        assertThat(reply.child(Namespaces.ROSTER, "query").attribute("ver")).isEqualTo("1");
        assertThat(reply.child(Namespaces.ROSTER, "query").children(Namespaces.ROSTER, "item")).hasSize(1);
    }

    @Test
    void eachChangeAdvancesVersionByOne() {
        phone.request(rosterGet(null));
        phone.drain();

        phone.request(rosterSet(Stanzas.item("carol@example.com", "Carol")));
        phone.request(rosterSet(Stanzas.removeItem("bob@example.com")));

        assertThat(phone.drain(Stanzas::isRosterPush))
                .extracting(push -> push.child(Namespaces.ROSTER, "query").attribute("ver"))
                .containsExactly("2", "3");
        assertThat(phone.request(rosterGet("3")).child(Namespaces.ROSTER, "query")).isNull();
    }

    @Test
    void versionsAreKeptPerAccount() {
        TestClient bob = fixture.harness.connect("bob@example.com/desk");

        Element reply = bob.request(rosterGet(null));

        assertThat(reply.child(Namespaces.ROSTER, "query").attribute("ver")).isEqualTo("0");
    }
}
