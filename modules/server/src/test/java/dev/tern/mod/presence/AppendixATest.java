package dev.tern.mod.presence;

import static dev.tern.mod.roster.harness.Stanzas.presence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of the subscription state tables of RFC 6121 Appendix A. The local account is
 * alice@example.com and the other party is on a remote server, so the user's server side (A.2)
 * and the contact's server side (A.3) are tested apart. Each row checks what alice's server
 * routes to the remote server, what it delivers to alice's resource, and the state left in
 * alice's roster.
 */
class AppendixATest {

    private static final String ALICE = "alice@example.com";
    private static final String ALICE_PHONE = "alice@example.com/phone";
    private static final String ROMEO = "romeo@remote.example";

    @TempDir
    Path directory;

    private PresenceFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A.2: alice sends the stanza; "approved" is the pre-approval flag afterwards (section 3.4). */
    @ParameterizedTest(name = "outbound {0} in {1}: route {2}, then {3}")
    @CsvSource({
        // A.2.1 subscribe
        "subscribe, NONE, true, NONE_PENDING_OUT, false",
        "subscribe, NONE_PENDING_OUT, true, NONE_PENDING_OUT, false",
        "subscribe, NONE_PENDING_IN, true, NONE_PENDING_OUT_IN, false",
        "subscribe, NONE_PENDING_OUT_IN, true, NONE_PENDING_OUT_IN, false",
        "subscribe, TO, true, TO, false",
        "subscribe, TO_PENDING_IN, true, TO_PENDING_IN, false",
        "subscribe, FROM, true, FROM_PENDING_OUT, false",
        "subscribe, FROM_PENDING_OUT, true, FROM_PENDING_OUT, false",
        "subscribe, BOTH, true, BOTH, false",
        // A.2.2 unsubscribe
        "unsubscribe, NONE, true, NONE, false",
        "unsubscribe, NONE_PENDING_OUT, true, NONE, false",
        "unsubscribe, NONE_PENDING_IN, true, NONE_PENDING_IN, false",
        "unsubscribe, NONE_PENDING_OUT_IN, true, NONE_PENDING_IN, false",
        "unsubscribe, TO, true, NONE, false",
        "unsubscribe, TO_PENDING_IN, true, NONE_PENDING_IN, false",
        "unsubscribe, FROM, true, FROM, false",
        "unsubscribe, FROM_PENDING_OUT, true, FROM, false",
        "unsubscribe, BOTH, true, FROM, false",
        // A.2.3 subscribed; where no request is pending it is a pre-approval
        "subscribed, NONE, false, NONE, true",
        "subscribed, NONE_PENDING_OUT, false, NONE_PENDING_OUT, true",
        "subscribed, NONE_PENDING_IN, true, FROM, false",
        "subscribed, NONE_PENDING_OUT_IN, true, FROM_PENDING_OUT, false",
        "subscribed, TO, false, TO, true",
        "subscribed, TO_PENDING_IN, true, BOTH, false",
        "subscribed, FROM, false, FROM, false",
        "subscribed, FROM_PENDING_OUT, false, FROM_PENDING_OUT, false",
        "subscribed, BOTH, false, BOTH, false",
        // A.2.4 unsubscribed
        "unsubscribed, NONE, false, NONE, false",
        "unsubscribed, NONE_PENDING_OUT, false, NONE_PENDING_OUT, false",
        "unsubscribed, NONE_PENDING_IN, true, NONE, false",
        "unsubscribed, NONE_PENDING_OUT_IN, true, NONE_PENDING_OUT, false",
        "unsubscribed, TO, false, TO, false",
        "unsubscribed, TO_PENDING_IN, true, TO, false",
        "unsubscribed, FROM, true, NONE, false",
        "unsubscribed, FROM_PENDING_OUT, true, NONE_PENDING_OUT, false",
        "unsubscribed, BOTH, true, TO, false",
    })
    void outboundRow(String type, SubscriptionState existing, boolean routed, SubscriptionState next,
            boolean approved) {
        fixture = new PresenceFixture(directory);
        fixture.setState(ALICE, ROMEO, existing);
        TestClient phone = fixture.harness.connect(ALICE_PHONE);

        phone.send(Stanzas.presence(type, ROMEO));

        List<Element> expected = routed ? List.of(presence(ALICE, ROMEO, type)) : List.of();
        assertThat(fixture.harness.remote()).isEqualTo(expected);
        assertThat(fixture.state(ALICE, ROMEO)).isEqualTo(new ContactSubscription(next, approved));
    }

    /**
     * A.3: the stanza arrives for alice, whose phone is available. "reply" is what alice's server
     * sends back on its own: "subscribed" for a subscribe from a subscriber (section 3.1.3), or
     * unavailable presence from the phone when a subscriber unsubscribes (section 3.3.3).
     */
    @ParameterizedTest(name = "inbound {0} in {1}: deliver {2}, then {3}")
    @CsvSource({
        // A.3.1 subscribe
        "subscribe, NONE, true, NONE_PENDING_IN, none",
        "subscribe, NONE_PENDING_OUT, true, NONE_PENDING_OUT_IN, none",
        "subscribe, NONE_PENDING_IN, false, NONE_PENDING_IN, none",
        "subscribe, NONE_PENDING_OUT_IN, false, NONE_PENDING_OUT_IN, none",
        "subscribe, TO, true, TO_PENDING_IN, none",
        "subscribe, TO_PENDING_IN, false, TO_PENDING_IN, none",
        "subscribe, FROM, false, FROM, subscribed",
        "subscribe, FROM_PENDING_OUT, false, FROM_PENDING_OUT, subscribed",
        "subscribe, BOTH, false, BOTH, subscribed",
        // A.3.2 unsubscribe
        "unsubscribe, NONE, false, NONE, none",
        "unsubscribe, NONE_PENDING_OUT, false, NONE_PENDING_OUT, none",
        "unsubscribe, NONE_PENDING_IN, true, NONE, none",
        "unsubscribe, NONE_PENDING_OUT_IN, true, NONE_PENDING_OUT, none",
        "unsubscribe, TO, false, TO, none",
        "unsubscribe, TO_PENDING_IN, true, TO, none",
        "unsubscribe, FROM, true, NONE, unavailable",
        "unsubscribe, FROM_PENDING_OUT, true, NONE_PENDING_OUT, unavailable",
        "unsubscribe, BOTH, true, TO, unavailable",
        // A.3.3 subscribed
        "subscribed, NONE, false, NONE, none",
        "subscribed, NONE_PENDING_OUT, true, TO, none",
        "subscribed, NONE_PENDING_IN, false, NONE_PENDING_IN, none",
        "subscribed, NONE_PENDING_OUT_IN, true, TO_PENDING_IN, none",
        "subscribed, TO, false, TO, none",
        "subscribed, TO_PENDING_IN, false, TO_PENDING_IN, none",
        "subscribed, FROM, false, FROM, none",
        "subscribed, FROM_PENDING_OUT, true, BOTH, none",
        "subscribed, BOTH, false, BOTH, none",
        // A.3.4 unsubscribed
        "unsubscribed, NONE, false, NONE, none",
        "unsubscribed, NONE_PENDING_OUT, true, NONE, none",
        "unsubscribed, NONE_PENDING_IN, false, NONE_PENDING_IN, none",
        "unsubscribed, NONE_PENDING_OUT_IN, true, NONE_PENDING_IN, none",
        "unsubscribed, TO, true, NONE, none",
        "unsubscribed, TO_PENDING_IN, true, NONE_PENDING_IN, none",
        "unsubscribed, FROM, false, FROM, none",
        "unsubscribed, FROM_PENDING_OUT, true, FROM, none",
        "unsubscribed, BOTH, true, FROM, none",
    })
    void inboundRow(String type, SubscriptionState existing, boolean delivered, SubscriptionState next, String reply) {
        fixture = new PresenceFixture(directory);
        fixture.setState(ALICE, ROMEO, existing);
        TestClient phone = fixture.harness.connect(ALICE_PHONE);
        fixture.harness.sessions().setPresence(phone.jid(), Stanzas.presence(null, null));

        fixture.harness.receiveFromRemote(presence(ROMEO, ALICE, type));

        List<Element> expectedDelivery = delivered ? List.of(presence(ROMEO, ALICE, type)) : List.of();
        assertThat(phone.drain(Stanzas::isPresence)).isEqualTo(expectedDelivery);
        List<Element> expectedReply = switch (reply) {
            case "subscribed" -> List.of(presence(ALICE, ROMEO, "subscribed"));
            case "unavailable" -> List.of(presence(ALICE_PHONE, ROMEO, "unavailable"));
            default -> List.of();
        };
        assertThat(fixture.harness.remote()).isEqualTo(expectedReply);
        assertThat(fixture.state(ALICE, ROMEO)).isEqualTo(new ContactSubscription(next, false));
        assertThat(fixture.roster().pendingIn(Jid.parse(ALICE)).contains(Jid.parse(ROMEO)))
                .isEqualTo(next.pendingIn());
    }
}
