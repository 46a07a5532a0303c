package dev.tern.server.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Writes TLS material as PEM files, as openssl would, for tests. */
final class PemTestFiles {

    private PemTestFiles() {
    }

    static Path writeCertificate(Path file, X509Certificate certificate) throws IOException, GeneralSecurityException {
        return Files.writeString(file, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
    }

    static Path writeKey(Path file, String type, byte[] der) throws IOException {
        return Files.writeString(file, pem(type, der), StandardCharsets.US_ASCII);
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
