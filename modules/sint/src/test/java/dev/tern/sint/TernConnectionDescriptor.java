package dev.tern.sint;

import java.net.InetAddress;
import javax.net.ssl.X509TrustManager;
import org.igniterealtime.smack.inttest.XmppConnectionDescriptor;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * The framework's way to reach a server on a given address and port. Its configuration has
 * only {@code service} and {@code host} (port 5222 by SRV or default), so the port, the loopback
 * address and the trust in the self-signed certificate go in a connection descriptor, which
 * {@code XmppConnectionManager.addConnectionDescriptor} registers under {@link #NICKNAME}.
 */
final class TernConnectionDescriptor {

    static final String NICKNAME = "tern-tcp";

    private TernConnectionDescriptor() {
    }

    /** Returns a descriptor for STARTTLS connections to {@code address:port} that trust {@code trustManager}. */
    static XmppConnectionDescriptor<XMPPTCPConnection, XMPPTCPConnectionConfiguration,
            XMPPTCPConnectionConfiguration.Builder> create(InetAddress address, int port,
            X509TrustManager trustManager) {
        try {
            return XmppConnectionDescriptor.buildWith(XMPPTCPConnection.class, XMPPTCPConnectionConfiguration.class,
                            XMPPTCPConnectionConfiguration.Builder.class)
                    .withNickname(NICKNAME)
                    .applyExtraConfiguration(builder -> builder
                            .setHostAddress(address)
                            .setPort(port)
                            .setCustomX509TrustManager(trustManager))
                    .build();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Smack's XMPPTCPConnection lacks the constructor or builder method "
                    + "the framework's descriptor needs; check the smack-tcp version", e);
        }
    }
}
