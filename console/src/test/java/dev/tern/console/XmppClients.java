package dev.tern.console;

import dev.tern.server.TernServer;
import java.net.InetAddress;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jxmpp.jid.impl.JidCreate;

/** Logs Smack clients in to a test server over STARTTLS, trusting exactly its certificate. */
final class XmppClients {

    static {
        // The tests read rosters through the console, so Smack's own roster request is noise.
        Roster.setRosterLoadedAtLoginDefault(false);
    }

    private XmppClients() {
    }

    static XMPPTCPConnection login(TernServer server, String user, String resource) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("tern", server.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);

        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(ConsoleTestServer.DOMAIN)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(server.c2sPort())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager((X509TrustManager) factory.getTrustManagers()[0])
                // The trust manager pins the one generated certificate, so the name check adds nothing.
                .setHostnameVerifier((hostname, session) -> true)
                .setUsernameAndPassword(user, ConsoleTestServer.USER_PASSWORD)
                .setResource(resource)
                .setConnectTimeout(10_000)
                .build());
        connection.setReplyTimeout(10_000);
        connection.connect().login();
        // The disco#info reply comes after everything the login caused, so the session is settled.
        ServiceDiscoveryManager.getInstanceFor(connection).discoverInfo(JidCreate.from(ConsoleTestServer.DOMAIN));
        return connection;
    }

    /** Returns a future completed with the error that closes {@code connection}. */
    static CompletableFuture<Exception> closedOnError(XMPPTCPConnection connection) {
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closed.complete(e);
            }
        });
        return closed;
    }
}
