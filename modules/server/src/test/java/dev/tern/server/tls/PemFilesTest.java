package dev.tern.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    // keytool starts a JVM, so each class generates its two certificates once.
    @TempDir
    static Path keyStoreDir;

    private static TlsMaterial generated;
    private static TlsMaterial other;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateMaterial() {
        generated = SelfSignedKeyStore.loadOrCreate(keyStoreDir.resolve("data"), "example.com", Clock.systemUTC());
        other = SelfSignedKeyStore.loadOrCreate(keyStoreDir.resolve("other"), "other.example", Clock.systemUTC());
    }

    @Test
    void pemFilesLoadAsConfigured() throws Exception {
        Path chain = PemTestFiles.writeCertificate(dir.resolve("chain.pem"), generated.certificate());
        Path key = PemTestFiles.writeKey(dir.resolve("key.pem"), "PRIVATE KEY", generated.privateKey().getEncoded());

        TlsMaterial loaded = TlsMaterial.load(new TlsSettings("example.com", dir, chain, key), Clock.systemUTC());

        assertThat(loaded.certificateChain()).containsExactly(generated.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(generated.privateKey().getEncoded());
        assertThat(loaded.source()).contains("chain.pem").contains("key.pem");
    }

    @Test
    void chainKeepsFileOrder() throws Exception {
        String pem = PemTestFiles.pem("CERTIFICATE", generated.certificate().getEncoded())
                + PemTestFiles.pem("CERTIFICATE", other.certificate().getEncoded());
        Path chain = Files.writeString(dir.resolve("chain.pem"), pem);

        assertThat(PemFiles.readCertificates(chain)).containsExactly(generated.certificate(), other.certificate());
    }

    @Test
    void rsaKeyLoads() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path key = PemTestFiles.writeKey(dir.resolve("rsa.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());

        assertThat(PemFiles.readPrivateKey(key).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void pkcs1KeyRejectedWithConversionCommand() throws Exception {
        Path key = PemTestFiles.writeKey(dir.resolve("rsa.pem"), "RSA PRIVATE KEY", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> PemFiles.readPrivateKey(key))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("rsa.pem")
                .hasMessageContaining("PKCS#1")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void encryptedKeyRejected() throws Exception {
        Path key = PemTestFiles.writeKey(dir.resolve("enc.pem"), "ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> PemFiles.readPrivateKey(key))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("encrypted")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void fileWithoutKeyRejected() throws Exception {
        Path key = PemTestFiles.writeCertificate(dir.resolve("cert-only.pem"), generated.certificate());

        assertThatThrownBy(() -> PemFiles.readPrivateKey(key))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("contains no -----BEGIN PRIVATE KEY----- block");
    }

    @Test
    void missingFileNamesPath() {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> PemFiles.readCertificates(missing))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("missing.pem");
    }

    @Test
    void emptyCertificateFileRejected() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertThatThrownBy(() -> PemFiles.readCertificates(empty))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("empty.pem");
    }

    @Test
    void keyOfOtherCertificateRejected() throws Exception {
        Path chain = PemTestFiles.writeCertificate(dir.resolve("chain.pem"), generated.certificate());
        Path key = PemTestFiles.writeKey(dir.resolve("key.pem"), "PRIVATE KEY", other.privateKey().getEncoded());

        assertThatThrownBy(() -> TlsMaterial.load(new TlsSettings("example.com", dir, chain, key), Clock.systemUTC()))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void settingsNeedBothFilesOrNeither() {
        assertThatThrownBy(() -> new TlsSettings("example.com", dir, dir.resolve("chain.pem"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both");
    }
}
