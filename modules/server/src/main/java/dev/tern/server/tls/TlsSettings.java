package dev.tern.server.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The source of the server's TLS certificate: configured PEM files or a generated one.
 *
 * <p>When both PEM files are set, {@link TlsMaterial#load} reads them. When neither is set,
 * it generates a self-signed certificate for {@code domain} in {@code dataDirectory} on the
 * first start and reuses it later.
 *
 * @param domain the XMPP domain the server hosts, an ASCII DNS name
 * @param dataDirectory the server's data directory
 * @param certificateChainFile PEM certificates, server certificate first, or null
 * @param privateKeyFile the PEM PKCS#8 private key of the first certificate, or null
 */
public record TlsSettings(String domain, Path dataDirectory, Path certificateChainFile, Path privateKeyFile) {

    public TlsSettings {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if ((certificateChainFile == null) != (privateKeyFile == null)) {
            throw new IllegalArgumentException("Set both the TLS certificate chain file and the private key file,"
                    + " or neither to use a generated self-signed certificate; certificateChainFile="
                    + certificateChainFile + ", privateKeyFile=" + privateKeyFile);
        }
    }

    /** Returns settings that use a generated self-signed certificate. */
    public static TlsSettings selfSigned(String domain, Path dataDirectory) {
        return new TlsSettings(domain, dataDirectory, null, null);
    }

    /** Returns whether PEM files are configured. */
    public boolean usesPemFiles() {
        return certificateChainFile != null;
    }
}
