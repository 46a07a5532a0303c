package dev.tern.mod.roster;

import static dev.tern.mod.roster.harness.Stanzas.errorCondition;
import static dev.tern.mod.roster.harness.Stanzas.isRosterPush;
import static dev.tern.mod.roster.harness.Stanzas.rosterSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterSetTest {

    @TempDir
    Path directory;

    private RosterFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void addPushesToInterestedResources() {
        fixture = new RosterFixture(directory);
        TestClient phone = fixture.interested("alice@example.com/phone");
        TestClient laptop = fixture.interested("alice@example.com/laptop");
        TestClient tablet = fixture.harness.connect("alice@example.com/tablet");
        Element request = rosterSet(Stanzas.item("bob@example.com", "Bob", "Friends", "Work"));

        Element reply = phone.request(request);

        assertThat(reply).isEqualTo(RosterFixture.result(request.attribute("id"), "alice@example.com/phone", null));
        Element pushedItem = RosterFixture.item("bob@example.com", "Bob", "none", null, null, "Friends", "Work");
        assertThat(withoutIds(phone.drain()))
                .containsExactly(RosterFixture.pushWithoutId("alice@example.com/phone", 1, pushedItem));
        assertThat(withoutIds(laptop.drain()))
                .containsExactly(RosterFixture.pushWithoutId("alice@example.com/laptop", 1, pushedItem));
        assertThat(tablet.drain()).isEmpty();
    }

    @Test
    void updateReplacesNameAndGroups() {
        fixture = new RosterFixture(directory);
        TestClient phone = fixture.interested("alice@example.com/phone");
        phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob", "Friends")));
        phone.drain();

        phone.request(rosterSet(Stanzas.item("bob@example.com", "Robert", "Family")));

        assertThat(withoutIds(phone.drain())).containsExactly(RosterFixture.pushWithoutId("alice@example.com/phone", 2,
                RosterFixture.item("bob@example.com", "Robert", "none", null, null, "Family")));
    }

    @Test
    void setIgnoresSubscriptionAskAndApproved() {
        fixture = new RosterFixture(directory);
        TestClient phone = fixture.interested("alice@example.com/phone");
        Element claimsBoth = Element.builder(Namespaces.ROSTER, "item")
                .attribute("jid", "bob@example.com")
                .attribute("subscription", "both")
                .attribute("ask", "subscribe")
                .attribute("approved", "true")
                .build();

        phone.request(rosterSet(claimsBoth));

        assertThat(withoutIds(phone.drain())).containsExactly(RosterFixture.pushWithoutId("alice@example.com/phone", 1,
                RosterFixture.item("bob@example.com", null, "none", null, null)));
    }

    @Test
    void twoItemsAreBadRequest() {
        fixture = new RosterFixture(directory);
        TestClient phone = fixture.interested("alice@example.com/phone");

        Element reply = phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob"),
                Stanzas.item("carol@example.com", "Carol")));

        assertThat(reply.attribute("type")).isEqualTo("error");
        assertThat(errorCondition(reply)).isEqualTo("bad-request");
        assertThat(phone.drain()).isEmpty();
    }

    @Test
    void noItemIsBadRequest() {
        fixture = new RosterFixture(directory);
        TestClient phone = fixture.interested("alice@example.com/phone");

        assertThat(errorCondition(phone.request(rosterSet()))).isEqualTo("bad-request");
    }

    @Test
    void duplicateGroupsAreBadRequest() {
        fixture = new RosterFixture(directory);
        TestClient phone = fixture.interested("alice@example.com/phone");

        Element reply = phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob", "Friends", "Friends")));

        assertThat(errorCondition(reply)).isEqualTo("bad-request");
    }

    @Test
    void tooLongNameIsNotAcceptable() {
        fixture = new RosterFixture(directory, Map.of("max-name-length", "5"));
        TestClient phone = fixture.interested("alice@example.com/phone");

        Element reply = phone.request(rosterSet(Stanzas.item("bob@example.com", "Bobby Tables")));

        Element error = reply.child(Namespaces.CLIENT, "error");
        assertThat(error.attribute("type")).isEqualTo("modify");
        assertThat(errorCondition(reply)).isEqualTo("not-acceptable");
        assertThat(phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob"))).attribute("type"))
                .isEqualTo("result");
    }

    @Test
    void emptyGroupIsNotAcceptable() {
        fixture = new RosterFixture(directory);
        TestClient phone = fixture.interested("alice@example.com/phone");

        assertThat(errorCondition(phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob", "")))))
                .isEqualTo("not-acceptable");
    }

    @Test
    void tooLongGroupIsNotAcceptable() {
        fixture = new RosterFixture(directory, Map.of("max-group-length", "3"));
        TestClient phone = fixture.interested("alice@example.com/phone");

        assertThat(errorCondition(phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob", "Friends")))))
                .isEqualTo("not-acceptable");
    }

    @Test
    void otherAccountIsForbidden() {
        fixture = new RosterFixture(directory);
        TestClient phone = fixture.interested("alice@example.com/phone");
        Element request = rosterSet(Stanzas.item("carol@example.com", "Carol")).withAttribute("to", "bob@example.com");

        Element reply = phone.request(request);

        assertThat(reply.attribute("from")).isEqualTo("bob@example.com");
        assertThat(errorCondition(reply)).isEqualTo("forbidden");
        assertThat(reply.child(Namespaces.CLIENT, "error").attribute("type")).isEqualTo("auth");
    }

    @Test
    void malformedJidIsJidMalformed() {
        fixture = new RosterFixture(directory);
        TestClient phone = fixture.interested("alice@example.com/phone");

        assertThat(errorCondition(phone.request(rosterSet(Stanzas.item("bad@@example.com", "Bad")))))
                .isEqualTo("jid-malformed");
    }

    @Test
    void pushesGoOnlyToOwnAccount() {
        fixture = new RosterFixture(directory);
        TestClient alice = fixture.interested("alice@example.com/phone");
        TestClient bob = fixture.interested("bob@example.com/desk");

        alice.request(rosterSet(Stanzas.item("carol@example.com", "Carol")));

        assertThat(alice.drain(Stanzas::isRosterPush)).hasSize(1);
        assertThat(bob.drain()).isEmpty();
    }

    static List<Element> withoutIds(List<Element> stanzas) {
        return stanzas.stream().filter(stanza -> isRosterPush(stanza)).map(stanza -> stanza.withoutAttribute("id"))
                .toList();
    }
}
