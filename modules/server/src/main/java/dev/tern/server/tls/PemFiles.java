package dev.tern.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading of PEM certificate chains and PKCS#8 private keys with the JDK's own parsers. */
final class PemFiles {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private static final String CONVERT_ADVICE =
            "Convert it to an unencrypted PKCS#8 key with: openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out KEY-pkcs8.pem";

    // The JDK reports no algorithm for a bare PKCS#8 key, so each factory gets a try.
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

    private PemFiles() {
    }

    /**
     * Reads every certificate of a PEM file, in file order.
     *
     * @throws TlsConfigurationException if the file cannot be read or has no certificate
     */
    static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (IOException e) {
            throw new TlsConfigurationException("Reading TLS certificate file '" + file + "' failed: " + e.getMessage()
                    + ". Check the path in the configuration and the file permissions", e);
        } catch (CertificateException e) {
            throw new TlsConfigurationException("TLS certificate file '" + file + "' is not a valid PEM certificate"
                    + " chain: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new TlsConfigurationException("TLS certificate file '" + file + "' contains no certificate;"
                    + " it must contain -----BEGIN CERTIFICATE----- blocks, server certificate first");
        }
        return certificates;
    }

    /**
     * Reads the first PEM private key of a file, which must be an unencrypted PKCS#8 key
     * ({@code -----BEGIN PRIVATE KEY-----}).
     *
     * @throws TlsConfigurationException if the file cannot be read or contains another key format,
     *     with the openssl command that converts it
     */
    static PrivateKey readPrivateKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsConfigurationException("Reading TLS private key file '" + file + "' failed: " + e.getMessage()
                    + ". Check the path in the configuration and the file permissions", e);
        }

        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            switch (type) {
                case "PRIVATE KEY":
                    return decodePkcs8(file, block.group(2));
                case "RSA PRIVATE KEY":
                    throw new TlsConfigurationException("TLS private key file '" + file + "' contains a PKCS#1 RSA key"
                            + " (BEGIN RSA PRIVATE KEY), but Tern reads only PKCS#8. " + CONVERT_ADVICE);
                case "EC PRIVATE KEY":
                    throw new TlsConfigurationException("TLS private key file '" + file + "' contains a SEC 1 EC key"
                            + " (BEGIN EC PRIVATE KEY), but Tern reads only PKCS#8. " + CONVERT_ADVICE);
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsConfigurationException("TLS private key file '" + file + "' is encrypted, but Tern"
                            + " reads only unencrypted keys. " + CONVERT_ADVICE + ", and protect it with file"
                            + " permissions");
                default:
                    // Certificates or parameters next to the key are skipped.
                    break;
            }
        }
        throw new TlsConfigurationException("TLS private key file '" + file + "' contains no"
                + " -----BEGIN PRIVATE KEY----- block");
    }

    private static PrivateKey decodePkcs8(Path file, String base64Body) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64Body);
        } catch (IllegalArgumentException e) {
            throw new TlsConfigurationException("TLS private key file '" + file + "' has invalid Base64 in its"
                    + " PRIVATE KEY block: " + e.getMessage(), e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                // Not this algorithm, so try the next one.
            }
        }
        throw new TlsConfigurationException("TLS private key file '" + file + "' contains a PKCS#8 key of an"
                + " unsupported algorithm; use an RSA, EC or EdDSA key");
    }
}
