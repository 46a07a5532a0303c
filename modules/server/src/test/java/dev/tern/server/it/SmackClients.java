package dev.tern.server.it;

import dev.tern.server.testing.Await;
import java.net.InetAddress;
import java.util.function.Consumer;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** Builds Smack 4.4 clients for a {@link TestServer}. */
final class SmackClients {

    static {
        // Most tests run without the roster module, where the roster request at login would only
        // log a warning; loginWithRoster turns it on for one connection.
        Roster.setRosterLoadedAtLoginDefault(false);
    }

    private final TestServer server;

    SmackClients(TestServer server) {
        this.server = server;
    }

    /** Returns a STARTTLS configuration for {@code user} with TLS required. */
    XMPPTCPConnectionConfiguration.Builder starttls(String user, String resource) throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(TestServer.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.server.c2sPort())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(server.trustManager())
                // The trust manager pins the one generated certificate, so the name check adds nothing.
                .setHostnameVerifier((hostname, session) -> true)
                .setUsernameAndPassword(user, TestServer.PASSWORD)
                .setResource(resource)
                .setConnectTimeout(10_000);
    }

    /** Returns a direct TLS configuration (XEP-0368): TLS from the first byte, so STARTTLS is off. */
    XMPPTCPConnectionConfiguration.Builder directTls(String user, String resource) throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(TestServer.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.server.directTlsPort())
                .setSocketFactory(server.clientSslContext().getSocketFactory())
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(user, TestServer.PASSWORD)
                .setResource(resource)
                .setConnectTimeout(10_000);
    }

    /** Connects and logs in over STARTTLS. */
    XMPPTCPConnection login(String user, String resource) throws Exception {
        return login(starttls(user, resource), builder -> {
        });
    }

    /**
     * Connects and logs in over STARTTLS with the roster loaded at login, for a server that runs
     * the roster module. Subscription requests wait for the test to answer them.
     */
    XMPPTCPConnection loginWithRoster(String user, String resource) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(starttls(user, resource).build());
        connection.setReplyTimeout(10_000);
        Roster roster = Roster.getInstanceFor(connection);
        roster.setRosterLoadedAtLogin(true);
        roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        connection.connect().login();
        Await.until("the roster of " + user + "/" + resource + " loaded", roster::isLoaded);
        return connection;
    }

    XMPPTCPConnection login(XMPPTCPConnectionConfiguration.Builder builder,
            Consumer<XMPPTCPConnectionConfiguration.Builder> customize) throws Exception {
        customize.accept(builder);
        XMPPTCPConnection connection = new XMPPTCPConnection(builder.build());
        connection.setReplyTimeout(10_000);
        connection.connect().login();
        return connection;
    }
}
