package dev.tern.server.tls;

import java.time.Clock;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/** Builds the Netty {@link SslContext} of the server's listeners: TLS 1.3 and 1.2 only. */
public final class ServerSslContexts {

    /** The protocol versions the server accepts. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private static final Logger LOG = LoggerFactory.getLogger(ServerSslContexts.class);

    private ServerSslContexts() {
    }

    /**
     * Loads the TLS material of {@code settings} ({@link TlsMaterial#load}) and builds the
     * server context from it.
     *
     * @throws TlsConfigurationException naming the file and the fix when loading fails
     */
    public static SslContext build(TlsSettings settings, Clock clock) {
        return build(TlsMaterial.load(settings, clock));
    }

    /**
     * Builds a server context from loaded material. It uses the JDK's TLS implementation and
     * does not request client certificates.
     *
     * @throws TlsConfigurationException if the JDK rejects the key or certificates
     */
    public static SslContext build(TlsMaterial material) {
        try {
            SslContext context = SslContextBuilder.forServer(material.privateKey(), material.certificateChain())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
            LOG.info("TLS ready with certificate for '{}' from {}",
                    material.certificate().getSubjectX500Principal().getName(), material.source());
            return context;
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigurationException("Building the TLS context from " + material.source() + " failed: "
                    + e.getMessage(), e);
        }
    }
}
