package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.server.testing.Await;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Roster management and presence (RFC 6121) between Smack clients, on a server that loads the
 * roster and presence modules from its module repository.
 */
class RosterPresenceTest {

    private static final long WAIT_MILLIS = 10_000;

    private static TestServer server;
    private static SmackClients clients;

    private final List<XMPPTCPConnection> connections = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256());
        server = TestServer.start(TestServer.withModules(), "alice", "carol", "dave", "erin", "frank", "grace",
                "heidi", "ivan");
        clients = new SmackClients(server);
    }

    @AfterAll
    static void stop() throws Exception {
        SASLAuthentication.unregisterSASLMechanism(SmackScramSha256.class.getName());
        server.close();
    }

    @AfterEach
    void disconnect() {
        connections.forEach(XMPPTCPConnection::disconnect);
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        XMPPTCPConnection connection = clients.loginWithRoster(user, resource);
        connections.add(connection);
        return connection;
    }

    @Test
    void rosterSetPushesToEveryResource() throws Exception {
        XMPPTCPConnection phone = login("alice", "phone");
        XMPPTCPConnection desk = login("alice", "desk");
        // Smack hands roster pushes to its Roster and not to stanza listeners, so the push shows as an added entry.
        List<Jid> pushed = new CopyOnWriteArrayList<>();
        Roster deskRoster = Roster.getInstanceFor(desk);
        deskRoster.addRosterListener(new AbstractRosterListener() {
            @Override
            public void entriesAdded(Collection<Jid> addresses) {
                pushed.addAll(addresses);
            }
        });

        Roster.getInstanceFor(phone).createItem(asBare("carol"), "Carol", new String[] {"Friends"});

        Await.until("the desk got the roster push", () -> !pushed.isEmpty());
        assertThat(pushed).containsExactly(asBare("carol"));
        RosterEntry pushedEntry = deskRoster.getEntry(asBare("carol"));
        assertThat(pushedEntry.getName()).isEqualTo("Carol");
        assertThat(pushedEntry.getType()).isEqualTo(RosterPacket.ItemType.none);
        assertThat(pushedEntry.getGroups()).extracting(RosterGroup::getName).containsExactly("Friends");
        assertThat(pushedEntry.isSubscriptionPending()).isFalse();

        XMPPTCPConnection tablet = login("alice", "tablet");
        RosterEntry fetched = Roster.getInstanceFor(tablet).getEntry(asBare("carol"));
        assertThat(fetched).as("the item in a roster get of a new resource").isNotNull();
        assertThat(fetched.getName()).isEqualTo("Carol");
        assertThat(fetched.getType()).isEqualTo(RosterPacket.ItemType.none);
        assertThat(fetched.getGroups()).extracting(RosterGroup::getName).containsExactly("Friends");
    }

    @Test
    void subscriptionHandshakeMakesBothAndBroadcasts() throws Exception {
        XMPPTCPConnection dave = login("dave", "desk");
        XMPPTCPConnection erin = login("erin", "desk");

        subscribeMutually(dave, erin, "erin");
        erin.sendStanza(erin.getStanzaFactory().buildPresenceStanza().setStatus("Erin at work").build());

        Roster daveRoster = Roster.getInstanceFor(dave);
        Await.until("Dave sees Erin's status",
                () -> "Erin at work".equals(daveRoster.getPresence(asBare("erin")).getStatus()));
        assertThat(daveRoster.getEntry(asBare("erin")).getType()).isEqualTo(RosterPacket.ItemType.both);
        assertThat(Roster.getInstanceFor(erin).getEntry(asBare("dave")).getType()).isEqualTo(RosterPacket.ItemType.both);
    }

    @Test
    void loginProbesContactsPresence() throws Exception {
        XMPPTCPConnection frank = login("frank", "desk");
        XMPPTCPConnection grace = login("grace", "desk");
        subscribeMutually(frank, grace, "grace");
        grace.sendStanza(grace.getStanzaFactory().buildPresenceStanza().setStatus("Grace here").build());
        Await.until("Frank sees Grace's status",
                () -> "Grace here".equals(Roster.getInstanceFor(frank).getPresence(asBare("grace")).getStatus()));

        XMPPTCPConnection laptop = login("frank", "laptop");

        Roster laptopRoster = Roster.getInstanceFor(laptop);
        Await.until("the new resource learns Grace's status from the probe reply",
                () -> "Grace here".equals(laptopRoster.getPresence(asBare("grace")).getStatus()));
        assertThat(laptopRoster.getPresence(asBare("grace")).getFrom().toString()).isEqualTo("grace@localhost/desk");
    }

    @Test
    void disconnectBroadcastsUnavailable() throws Exception {
        XMPPTCPConnection heidi = login("heidi", "desk");
        XMPPTCPConnection ivan = clients.loginWithRoster("ivan", "desk");
        subscribeMutually(heidi, ivan, "ivan");
        Await.until("Heidi sees Ivan available",
                () -> Roster.getInstanceFor(heidi).getPresence(asBare("ivan")).isAvailable());
        StanzaCollector unavailable = heidi.createStanzaCollector(new AndFilter(StanzaTypeFilter.PRESENCE,
                FromMatchesFilter.createFull(JidCreate.from("ivan@localhost/desk"))));

        // An unclean shutdown sends no unavailable presence, so the server must send it.
        ivan.instantShutdown();

        Presence presence = unavailable.nextResultOrThrow(WAIT_MILLIS);
        assertThat(presence.getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(presence.getTo().toString()).as("the contact's bare JID, RFC 6121 section 4.5.2")
                .isEqualTo("heidi@localhost");
    }

    /**
     * Runs the subscription handshake of RFC 6121 section 3 both ways: {@code requester}
     * subscribes to {@code contact}, which approves and subscribes back, and the requester approves.
     */
    private static void subscribeMutually(XMPPTCPConnection requester, XMPPTCPConnection contact, String contactUser)
            throws Exception {
        Roster.getInstanceFor(contact).addSubscribeListener((from, presence) -> SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        Roster.getInstanceFor(requester).addSubscribeListener((from, presence) -> SubscribeAnswer.Approve);

        Roster.getInstanceFor(requester).createItemAndRequestSubscription(asBare(contactUser), null, null);

        BareJid requesterJid = requester.getUser().asBareJid();
        Await.until("both rosters show subscription both", () -> {
            RosterEntry forward = Roster.getInstanceFor(requester).getEntry(asBare(contactUser));
            RosterEntry backward = Roster.getInstanceFor(contact).getEntry(requesterJid);
            return forward != null && backward != null && forward.getType() == RosterPacket.ItemType.both
                    && backward.getType() == RosterPacket.ItemType.both;
        });
    }

    private static BareJid asBare(String user) {
        return JidCreate.bareFromOrThrowUnchecked(user + "@" + TestServer.DOMAIN);
    }
}
