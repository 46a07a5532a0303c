package dev.tern.server.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The Sessions and Messages MXBeans against Smack clients logged in to a real server. */
class SessionManagementTest {

    private static ManagedTestServer fixture;
    private XMPPTCPConnection client;

    @BeforeAll
    static void startServer() throws Exception {
        // No roster module runs, so Smack's roster request at login would only log a warning.
        Roster.setRosterLoadedAtLoginDefault(false);
        fixture = ManagedTestServer.start();
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            fixture.server.accounts().create(user, ManagedTestServer.PASSWORD);
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        fixture.close();
    }

    @AfterEach
    void disconnect() {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(ManagedTestServer.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(fixture.server.c2sPort())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(TrustOne.certificate(fixture.server.certificate()))
                // The trust manager pins the one generated certificate, so the name check adds nothing.
                .setHostnameVerifier((hostname, session) -> true)
                .setUsernameAndPassword(user, ManagedTestServer.PASSWORD)
                .setResource(resource)
                .setConnectTimeout(10_000)
                .build());
        connection.setReplyTimeout(10_000);
        connection.connect().login();
        awaitQuiet(connection);
        return connection;
    }

    /**
     * Waits until the stream process has handled everything the client sent so far, and written
     * what that caused: the reply to a disco#info request reaches the client through the process's
     * mailbox, after anything queued before it.
     */
    private static void awaitQuiet(XMPPTCPConnection connection) throws Exception {
        ServiceDiscoveryManager.getInstanceFor(connection).discoverInfo(JidCreate.from(ManagedTestServer.DOMAIN));
    }

    @Test
    void listShowsConnectionFactsAndCounters() throws Exception {
        client = login("alice", "laptop");
        SessionsMXBean sessions = fixture.proxy(ServerManagement.SESSIONS, SessionsMXBean.class);

        SessionView view = sessions.show("alice@localhost/laptop").getFirst();

        assertThat(sessions.getCount()).isEqualTo(1);
        assertThat(sessions.list()).extracting(SessionView::jid).containsExactly("alice@localhost/laptop");
        assertThat(view.jid()).isEqualTo("alice@localhost/laptop");
        assertThat(view.pid()).matches("<0\\.\\d+\\.0>");
        assertThat(view.remoteAddress()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(view.tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(view.stanzasIn()).as("the bind request at least").isPositive();
        assertThat(view.stanzasOut()).as("the bind result at least").isPositive();
        assertThat(sessions.show("alice@localhost")).extracting(SessionView::jid)
                .containsExactly("alice@localhost/laptop");
    }

    @Test
    void countersGrowWithTraffic() throws Exception {
        client = login("bob", "phone");
        SessionsMXBean sessions = fixture.proxy(ServerManagement.SESSIONS, SessionsMXBean.class);
        SessionView before = sessions.show("bob@localhost/phone").getFirst();
        LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
        client.addAsyncStanzaListener(stanza -> received.add((Message) stanza), StanzaTypeFilter.MESSAGE);

        client.sendStanza(client.getStanzaFactory().buildMessageStanza().to("bob@localhost/phone").setBody("hi")
                .build());
        assertThat(received.poll(10, TimeUnit.SECONDS)).as("the message to itself").isNotNull();

        SessionView after = sessions.show("bob@localhost/phone").getFirst();
        assertThat(after.stanzasIn()).isEqualTo(before.stanzasIn() + 1);
        assertThat(after.stanzasOut()).isEqualTo(before.stanzasOut() + 1);
    }

    @Test
    void kickClosesStreamWithChosenError() throws Exception {
        client = login("carol", "desk");
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        client.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }
        });
        SessionsMXBean sessions = fixture.proxy(ServerManagement.SESSIONS, SessionsMXBean.class);

        assertThat(sessions.kick("carol@localhost", "", "Maintenance")).isEqualTo(1);

        Exception error = closed.get(10, TimeUnit.SECONDS);
        assertThat(error).isInstanceOf(StreamErrorException.class);
        StreamError streamError = ((StreamErrorException) error).getStreamError();
        assertThat(streamError.getCondition()).isEqualTo(StreamError.Condition.policy_violation);
        assertThat(streamError.getDescriptiveText()).isEqualTo("Maintenance");
    }

    @Test
    void kickRejectsUnknownConditionAndJid() {
        SessionsMXBean sessions = fixture.proxy(ServerManagement.SESSIONS, SessionsMXBean.class);

        assertThatThrownBy(() -> sessions.kick("nobody@localhost", "bad-mood", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Stream error condition 'bad-mood' is not defined");
        assertThatThrownBy(() -> sessions.kick("nobody@localhost", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No session is bound for 'nobody@localhost'; 'list' shows the sessions");
    }

    @Test
    void sendAndAnnounceReachClient() throws Exception {
        client = login("dave", "tablet");
        LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
        client.addAsyncStanzaListener(stanza -> received.add((Message) stanza), StanzaTypeFilter.MESSAGE);
        MessagesMXBean messages = fixture.proxy(ServerManagement.MESSAGES, MessagesMXBean.class);

        messages.send("dave@localhost/tablet", "Hello from the admin");
        Message direct = received.poll(10, TimeUnit.SECONDS);
        assertThat(direct).isNotNull();
        assertThat(direct.getFrom().toString()).isEqualTo("localhost");
        assertThat(direct.getType()).isEqualTo(Message.Type.normal);
        assertThat(direct.getBody()).isEqualTo("Hello from the admin");

        assertThat(messages.announce("Restart at noon")).isEqualTo(fixture.server.sessions().count());
        Message announced = received.poll(10, TimeUnit.SECONDS);
        assertThat(announced).isNotNull();
        assertThat(announced.getType()).isEqualTo(Message.Type.headline);
        assertThat(announced.getBody()).isEqualTo("Restart at noon");
    }

    @Test
    void sendRejectsRemoteAndUnknownRecipients() {
        MessagesMXBean messages = fixture.proxy(ServerManagement.MESSAGES, MessagesMXBean.class);

        assertThatThrownBy(() -> messages.send("someone@example.org", "hi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'someone@example.org' is not a user of 'localhost'; send to user@localhost");
        assertThatThrownBy(() -> messages.send("nobody@localhost", "hi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No account 'nobody'");
        assertThatThrownBy(() -> messages.send("dave@localhost", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The message body is empty; give the text to send");
    }

    @Test
    void deletingAccountClosesItsSessions() throws Exception {
        fixture.server.accounts().create("erin", ManagedTestServer.PASSWORD);
        client = login("erin", "home");
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        client.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }
        });

        fixture.proxy(ServerManagement.USERS, UsersMXBean.class).delete("erin");

        Exception error = closed.get(10, TimeUnit.SECONDS);
        assertThat(((StreamErrorException) error).getStreamError().getCondition())
                .isEqualTo(StreamError.Condition.not_authorized);
    }
}
