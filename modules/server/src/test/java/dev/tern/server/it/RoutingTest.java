package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.xmpp.api.Jid;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Delivers stanzas between Smack clients and checks the errors RFC 6120 and RFC 6121 require. */
class RoutingTest {

    private static TestServer server;
    private static SmackClients clients;

    @BeforeAll
    static void start() throws Exception {
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256());
        server = TestServer.start("alice", "bob", "carol", "dave", "erin", "frank", "offline");
        clients = new SmackClients(server);
    }

    @AfterAll
    static void stop() throws Exception {
        SASLAuthentication.unregisterSASLMechanism(SmackScramSha256.class.getName());
        server.close();
    }

    @Test
    void messageToBareJidReachesAvailableResource() throws Exception {
        XMPPTCPConnection alice = clients.login("alice", "desk");
        XMPPTCPConnection bob = clients.login("bob", "phone");
        try {
            awaitAvailable("bob@localhost/phone");
            StanzaCollector received = bob.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                    FromMatchesFilter.createFull(alice.getUser())));
            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityBareFrom("bob@localhost"))
                    .ofType(Message.Type.chat)
                    .setBody("hello bob")
                    .build());

            Message message = received.nextResultOrThrow(10_000);
            assertThat(message.getBody()).isEqualTo("hello bob");
            assertThat(message.getFrom().toString()).isEqualTo("alice@localhost/desk");
            assertThat(message.getTo().toString()).isEqualTo("bob@localhost");
            received.cancel();
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    @Test
    void messageToOfflineBareJidBouncesServiceUnavailable() throws Exception {
        XMPPTCPConnection carol = clients.login("carol", "desk");
        try {
            StanzaCollector errors = carol.createStanzaCollector(new AndFilter(MessageTypeFilter.ERROR,
                    FromMatchesFilter.createBare(JidCreate.entityBareFrom("offline@localhost"))));
            carol.sendStanza(carol.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityBareFrom("offline@localhost"))
                    .ofType(Message.Type.chat)
                    .setBody("are you there?")
                    .build());

            Message bounce = errors.nextResult(10_000);
            assertThat(bounce).as("error reply").isNotNull();
            assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
            assertThat(bounce.getTo().toString()).isEqualTo("carol@localhost/desk");
            errors.cancel();
        } finally {
            carol.disconnect();
        }
    }

    @Test
    void iqWithUnknownNamespaceIsServiceUnavailable() throws Exception {
        XMPPTCPConnection dave = clients.login("dave", "desk");
        try {
            UnknownQuery query = new UnknownQuery();
            query.setTo(JidCreate.domainBareFrom("localhost"));
            query.setType(IQ.Type.get);

            assertThatThrownBy(() -> dave.sendIqRequestAndWaitForResponse(query))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.service_unavailable));
            assertThat(dave.isConnected()).isTrue();
        } finally {
            dave.disconnect();
        }
    }

    @Test
    void unhandledOwnAccountIqErrorFromBareJid() throws Exception {
        XMPPTCPConnection dave = clients.login("dave", "desk");
        try {
            // No 'to': the request is for dave's own account, which no module handles here.
            UnknownQuery query = new UnknownQuery();
            query.setType(IQ.Type.get);

            assertThatThrownBy(() -> dave.sendIqRequestAndWaitForResponse(query))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                        assertThat(e.getStanzaError().getCondition())
                                .isEqualTo(StanzaError.Condition.service_unavailable);
                        assertThat(String.valueOf(e.getStanza().getFrom())).isEqualTo("dave@localhost");
                    });
            assertThat(dave.isConnected()).isTrue();
            assertThat(dave.isAuthenticated()).isTrue();
        } finally {
            dave.disconnect();
        }
    }

    @Test
    void resourceConflictKicksOldSession() throws Exception {
        XMPPTCPConnection first = clients.login("erin", "laptop");
        var firstClosed = StreamClosures.watch(first);
        XMPPTCPConnection second = clients.login("erin", "laptop");
        try {
            assertThat(firstClosed.get(10, TimeUnit.SECONDS)).isEqualTo(StreamError.Condition.conflict);
            assertThat(second.isAuthenticated()).isTrue();
            assertThat(second.getUser().toString()).isEqualTo("erin@localhost/laptop");
            assertThat(server.server.sessions().resources(Jid.parse("erin@localhost"))).hasSize(1);
        } finally {
            second.disconnect();
        }
    }

    @Test
    void spoofedFromClosesStreamWithInvalidFrom() throws Exception {
        XMPPTCPConnection frank = clients.login("frank", "desk");
        var closed = StreamClosures.watch(frank);
        // Sent as raw XML, because Smack's stanza builder fills in the connection's own address.
        frank.sendNonza(new RawXml("<message from='alice@localhost/desk' to='bob@localhost'>"
                + "<body>I am alice</body></message>"));

        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(StreamError.Condition.invalid_from);
    }

    private static void awaitAvailable(String fullJid) throws InterruptedException {
        // Smack sends its initial presence asynchronously after login; the router reads it from the table.
        Jid jid = Jid.parse(fullJid);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.server.sessions().find(jid).map(session -> !session.available()).orElse(true)) {
            assertThat(System.nanoTime()).as("presence of %s recorded in time", fullJid).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Top-level XML that Smack sends as it is. */
    private record RawXml(String xml) implements Nonza {
        @Override
        public String getNamespace() {
            return "jabber:client";
        }

        @Override
        public String getElementName() {
            return "message";
        }

        @Override
        public CharSequence toXML(XmlEnvironment environment) {
            return xml;
        }
    }

    /** An IQ whose payload namespace no handler serves. */
    private static final class UnknownQuery extends IQ {
        UnknownQuery() {
            super("query", "urn:example:tern:unknown");
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.setEmptyElement();
            return xml;
        }
    }
}
