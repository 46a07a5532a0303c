package dev.tern.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedKeyStoreTest {

    private static final Clock NOW = Clock.systemUTC();

    @TempDir
    Path dataDir;

    @Test
    void generatesCertificateForDomain() throws CertificateParsingException {
        TlsMaterial material = SelfSignedKeyStore.loadOrCreate(dataDir, "Example.COM", NOW);

        X509Certificate certificate = material.certificate();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=example.com");
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "example.com"));
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(material.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3000)));
        assertThat(dataDir.resolve("tls/example.com.p12")).isRegularFile();
        assertThat(dataDir.resolve("tls/example.com.p12.password")).isRegularFile();
    }

    @Test
    void filesReadableOnlyByOwner() throws Exception {
        SelfSignedKeyStore.loadOrCreate(dataDir, "example.com", NOW);

        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls"))))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir.resolve("tls/example.com.p12.password"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir.resolve("tls/example.com.p12"))))
                    .isEqualTo("rw-------");
        }
        try (var files = Files.list(dataDir.resolve("tls"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("example.com.p12", "example.com.p12.password");
        }
    }

    @Test
    void secondLoadReusesCertificate() {
        TlsMaterial first = SelfSignedKeyStore.loadOrCreate(dataDir, "example.com", NOW);
        TlsMaterial second = SelfSignedKeyStore.loadOrCreate(dataDir, "example.com", NOW);

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    }

    @Test
    void expiredCertificateReplaced() {
        TlsMaterial first = SelfSignedKeyStore.loadOrCreate(dataDir, "example.com", NOW);
        Instant afterExpiry = first.certificate().getNotAfter().toInstant().plusSeconds(1);

        TlsMaterial second = SelfSignedKeyStore.loadOrCreate(dataDir, "example.com",
                Clock.fixed(afterExpiry, ZoneOffset.UTC));

        assertThat(second.certificate()).isNotEqualTo(first.certificate());
    }

    @Test
    void missingPasswordFileRegenerates() throws Exception {
        TlsMaterial first = SelfSignedKeyStore.loadOrCreate(dataDir, "example.com", NOW);
        Files.delete(dataDir.resolve("tls/example.com.p12.password"));

        TlsMaterial second = SelfSignedKeyStore.loadOrCreate(dataDir, "example.com", NOW);

        assertThat(second.certificate()).isNotEqualTo(first.certificate());
    }

    @Test
    void wrongPasswordNamesBothFiles() throws Exception {
        SelfSignedKeyStore.loadOrCreate(dataDir, "example.com", NOW);
        Files.writeString(dataDir.resolve("tls/example.com.p12.password"), "wrong");

        assertThatThrownBy(() -> SelfSignedKeyStore.loadOrCreate(dataDir, "example.com", NOW))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("example.com.p12'")
                .hasMessageContaining("example.com.p12.password'")
                .hasMessageContaining("Delete both files");
    }

    @Test
    void nonDnsDomainRejected() {
        for (String domain : new String[] {"exa mple.com", "-bad.example", "b\u00fccher.example", "a;b", ""}) {
            assertThatThrownBy(() -> SelfSignedKeyStore.loadOrCreate(dataDir, domain, NOW))
                    .as(domain)
                    .isInstanceOf(TlsConfigurationException.class)
                    .hasMessageContaining("not an ASCII DNS name");
        }
        assertThat(dataDir.resolve("tls")).doesNotExist();
    }
}
