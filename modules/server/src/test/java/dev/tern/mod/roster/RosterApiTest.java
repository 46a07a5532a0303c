package dev.tern.mod.roster;

import static dev.tern.mod.roster.harness.Stanzas.rosterGet;
import static dev.tern.mod.roster.harness.Stanzas.rosterSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.Roster;
import dev.tern.xmpp.api.roster.RosterItem;
import dev.tern.xmpp.api.roster.Subscription;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterApiTest {

    private static final Jid ALICE = Jid.parse("alice@example.com");
    private static final Jid BOB = Jid.parse("bob@example.com");

    @TempDir
    Path directory;

    private RosterFixture fixture;
    private Roster roster;
    private TestClient phone;

    @BeforeEach
    void open() {
        fixture = new RosterFixture(directory);
        roster = fixture.roster();
        phone = fixture.interested("alice@example.com/phone");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void pendingInAloneCreatesNoItem() {
        ContactSubscription after = roster.update(ALICE, BOB, current -> current.withState(SubscriptionState.NONE_PENDING_IN));

        assertThat(after).isEqualTo(new ContactSubscription(SubscriptionState.NONE_PENDING_IN, false));
        assertThat(roster.items(ALICE)).isEmpty();
        assertThat(roster.pendingIn(ALICE)).containsExactly(BOB);
        assertThat(roster.subscription(ALICE, BOB).state()).isEqualTo(SubscriptionState.NONE_PENDING_IN);
        assertThat(phone.drain()).isEmpty();
    }

    @Test
    void subscriptionCreatesItemAndPushes() {
        roster.update(ALICE, BOB, current -> current.withState(SubscriptionState.NONE_PENDING_OUT));

        assertThat(roster.item(ALICE, BOB)).contains(new RosterItem(BOB, null, Subscription.NONE, true, false, List.of()));
        assertThat(RosterSetTest.withoutIds(phone.drain())).containsExactly(RosterFixture.pushWithoutId(
                "alice@example.com/phone", 1, RosterFixture.item("bob@example.com", null, "none", "subscribe", null)));
    }

    @Test
    void updateKeepsNameAndGroups() {
        phone.request(rosterSet(Stanzas.item("bob@example.com", "Bob", "Friends")));
        phone.drain();

        roster.update(ALICE, BOB, current -> new ContactSubscription(SubscriptionState.BOTH, false));

        assertThat(RosterSetTest.withoutIds(phone.drain())).containsExactly(RosterFixture.pushWithoutId(
                "alice@example.com/phone", 2, RosterFixture.item("bob@example.com", "Bob", "both", null, null, "Friends")));
    }

    @Test
    void unchangedItemIsNotPushed() {
        roster.update(ALICE, BOB, current -> current.withApproved(true));
        phone.drain();

        roster.update(ALICE, BOB, current -> current.withApproved(true));

        assertThat(phone.drain()).isEmpty();
        assertThat(phone.request(rosterGet(null)).child(Namespaces.ROSTER, "query").attribute("ver")).isEqualTo("1");
    }

    @Test
    void contactIsReducedToBareJid() {
        roster.update(ALICE, Jid.parse("bob@example.com/desk"), current -> current.withState(SubscriptionState.TO));

        assertThat(roster.subscription(Jid.parse("alice@example.com/phone"), BOB).state())
                .isEqualTo(SubscriptionState.TO);
    }
}
