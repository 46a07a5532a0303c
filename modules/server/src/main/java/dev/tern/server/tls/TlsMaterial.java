package dev.tern.server.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The server's private key and certificate chain.
 *
 * @param privateKey the key of the first certificate
 * @param certificateChain the server certificate first, then any intermediates
 * @param source where the material came from, for log messages
 */
public record TlsMaterial(PrivateKey privateKey, List<X509Certificate> certificateChain, String source) {

    public TlsMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        certificateChain = List.copyOf(certificateChain);
        if (certificateChain.isEmpty()) {
            throw new IllegalArgumentException("TLS certificate chain from " + source + " is empty");
        }
    }

    /**
     * Loads the configured PEM files, or the generated self-signed certificate when none are
     * configured.
     *
     * @throws TlsConfigurationException naming the file and the fix when loading fails
     */
    public static TlsMaterial load(TlsSettings settings, Clock clock) {
        if (settings.usesPemFiles()) {
            TlsMaterial material = new TlsMaterial(PemFiles.readPrivateKey(settings.privateKeyFile()),
                    PemFiles.readCertificates(settings.certificateChainFile()),
                    "'" + settings.certificateChainFile() + "' and '" + settings.privateKeyFile() + "'");
            material.requireKeyMatchesCertificate();
            return material;
        }
        return SelfSignedKeyStore.loadOrCreate(settings.dataDirectory(), settings.domain(), clock);
    }

    /** Returns the server certificate, the first of the chain. */
    public X509Certificate certificate() {
        return certificateChain.getFirst();
    }

    /**
     * Checks that the private key belongs to the server certificate, by signing random data
     * and verifying the signature with the certificate's public key.
     *
     * @throws TlsConfigurationException if they do not belong together
     */
    void requireKeyMatchesCertificate() {
        String algorithm = signatureAlgorithm(privateKey.getAlgorithm());
        if (algorithm == null) {
            // NOTE: keys of other algorithms, such as RSASSA-PSS, skip this check.
            return;
        }
        byte[] data = new byte[32];
        new SecureRandom().nextBytes(data);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(data);
            byte[] signature = signer.sign();

            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate().getPublicKey());
            verifier.update(data);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsConfigurationException("TLS private key from " + source + " does not belong to the"
                    + " certificate for '" + certificate().getSubjectX500Principal().getName()
                    + "'. Configure the key that was issued with the first certificate of the chain");
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
    }
}
