package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.xmpp.api.Jid;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logs in with Smack over STARTTLS and direct TLS with each SASL mechanism the server offers. */
class LoginTest {

    private static TestServer server;
    private static SmackClients clients;

    @BeforeAll
    static void start() throws Exception {
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256());
        server = TestServer.start("alice", "bob", "carol", "dave", "mallory");
        clients = new SmackClients(server);
    }

    @AfterAll
    static void stop() throws Exception {
        SASLAuthentication.unregisterSASLMechanism(SmackScramSha256.class.getName());
        server.close();
    }

    @Test
    void starttlsLoginBindsChosenResource() throws Exception {
        XMPPTCPConnection connection = clients.login("alice", "desk");
        try {
            assertThat(connection.isSecureConnection()).isTrue();
            assertThat(connection.isAuthenticated()).isTrue();
            assertThat(connection.getUser().toString()).isEqualTo("alice@localhost/desk");
            assertThat(server.server.sessions().find(Jid.parse("alice@localhost/desk"))).isPresent();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void directTlsLogin() throws Exception {
        XMPPTCPConnection connection = clients.login(clients.directTls("bob", "phone"), builder -> {
        });
        try {
            assertThat(connection.isAuthenticated()).isTrue();
            assertThat(connection.getUser().toString()).isEqualTo("bob@localhost/phone");
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void scramSha256Login() throws Exception {
        assertMechanismLogsIn(SmackScramSha256.NAME, "carol");
    }

    @Test
    void scramSha1Login() throws Exception {
        assertMechanismLogsIn("SCRAM-SHA-1", "carol");
    }

    @Test
    void plainLoginOverTls() throws Exception {
        assertMechanismLogsIn("PLAIN", "carol");
    }

    @Test
    void wrongPasswordIsNotAuthorized() throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(clients.starttls("dave", "desk")
                .setUsernameAndPassword("dave", "wrong password").build());
        try {
            connection.connect();
            assertThatThrownBy(connection::login)
                    .isInstanceOfSatisfying(SASLErrorException.class, e ->
                            assertThat(e.getSASLFailure().getSASLError()).isEqualTo(SASLError.not_authorized));
            assertThat(connection.isAuthenticated()).isFalse();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void serverGeneratesResourceWhenNoneRequested() throws Exception {
        XMPPTCPConnection connection = clients.login(clients.starttls("mallory", "x"),
                builder -> builder.setResource((org.jxmpp.jid.parts.Resourcepart) null));
        try {
            String resource = connection.getUser().getResourcepart().toString();
            assertThat(resource).startsWith("tern-");
        } finally {
            connection.disconnect();
        }
    }

    private static void assertMechanismLogsIn(String mechanism, String user) throws Exception {
        XMPPTCPConnection connection = clients.login(clients.starttls(user, mechanism.toLowerCase()),
                builder -> builder.addEnabledSaslMechanism(mechanism));
        try {
            assertThat(connection.isAuthenticated()).isTrue();
            assertThat(connection.getUsedSaslMechansism()).isEqualTo(mechanism);
        } finally {
            connection.disconnect();
        }
    }
}
