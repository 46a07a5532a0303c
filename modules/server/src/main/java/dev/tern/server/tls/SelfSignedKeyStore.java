package dev.tern.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-signed certificate for the server's domain, kept as a PKCS#12 key store in
 * {@code <dataDirectory>/tls/<domain>.p12}, with its random store password in
 * {@code <domain>.p12.password} next to it. Both files and the directory are readable only
 * by their owner where the file system supports POSIX permissions.
 *
 * <p>The JDK's {@code keytool} generates the certificate, run as a subprocess from
 * {@code java.home}: an EC P-256 key, CN and subjectAltName {@code dns:<domain>}, valid for
 * ten years. An expired certificate is replaced on the next start.
 */
final class SelfSignedKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedKeyStore.class);

    private static final String ALIAS = "tern";
    private static final String PASSWORD_VARIABLE = "TERN_KEYSTORE_PASSWORD";
    private static final int VALIDITY_DAYS = 3650;
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    // ASCII DNS labels of letters, digits and hyphens; Unicode domains must be given in A-label form.
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private SelfSignedKeyStore() {
    }

    /**
     * Loads the stored certificate for {@code domain}, or generates one when it is missing
     * or expired.
     *
     * @throws TlsConfigurationException if the domain is not an ASCII DNS name, keytool fails,
     *     or the stored files cannot be read
     */
    static TlsMaterial loadOrCreate(Path dataDirectory, String domain, Clock clock) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (!DNS_NAME.matcher(name).matches()) {
            throw new TlsConfigurationException("Domain '" + domain + "' is not an ASCII DNS name, so no self-signed"
                    + " certificate can be generated for it. Use the A-label (xn--) form, or configure PEM files");
        }
        Path directory = dataDirectory.resolve("tls");
        Path keyStoreFile = directory.resolve(name + ".p12");
        Path passwordFile = directory.resolve(name + ".p12.password");

        if (Files.exists(keyStoreFile) && Files.exists(passwordFile)) {
            TlsMaterial material = load(keyStoreFile, passwordFile);
            if (clock.instant().isBefore(material.certificate().getNotAfter().toInstant())) {
                LOG.info("Loaded self-signed TLS certificate for '{}' from '{}'", name, keyStoreFile);
                return material;
            }
            LOG.warn("Self-signed TLS certificate in '{}' expired on '{}', so a new one replaces it", keyStoreFile,
                    material.certificate().getNotAfter().toInstant());
        }

        generate(directory, name, keyStoreFile, passwordFile);
        LOG.info("Generated self-signed TLS certificate for '{}' in '{}'", name, keyStoreFile);
        return load(keyStoreFile, passwordFile);
    }

    private static void generate(Path directory, String domain, Path keyStoreFile, Path passwordFile) {
        createPrivateDirectory(directory);
        String password = randomPassword();
        String suffix = ".tmp-" + Long.toUnsignedString(new SecureRandom().nextLong(), 36);
        Path temporaryKeyStore = directory.resolve(keyStoreFile.getFileName() + suffix);
        Path temporaryPassword = directory.resolve(passwordFile.getFileName() + suffix);

        try {
            writePrivateFile(temporaryPassword, password);
            runKeytool(domain, temporaryKeyStore, password);
            restrictToOwner(temporaryKeyStore);
            move(temporaryPassword, passwordFile);
            move(temporaryKeyStore, keyStoreFile);
        } catch (IOException e) {
            throw new TlsConfigurationException("Storing the self-signed TLS certificate in '" + directory
                    + "' failed: " + e.getMessage() + ". Check that the server may write to its data directory", e);
        } finally {
            deleteQuietly(temporaryPassword);
            deleteQuietly(temporaryKeyStore);
        }
    }

    private static void runKeytool(String domain, Path keyStoreFile, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=" + domain,
                "-ext", "SAN=dns:" + domain,
                "-validity", Integer.toString(VALIDITY_DAYS),
                "-storetype", "PKCS12",
                "-keystore", keyStoreFile.toString(),
                "-storepass:env", PASSWORD_VARIABLE);

        // keytool's output goes to a file, so that a hung keytool cannot block a pipe read
        // past the timeout.
        Path outputFile = Files.createTempFile("tern-keytool", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(outputFile.toFile());
            // On Linux, other users can read a process's command line but not its environment.
            builder.environment().put(PASSWORD_VARIABLE, password);
            Process process = builder.start();
            waitForKeytool(process, keytool);
            if (process.exitValue() != 0) {
                String output = Files.readString(outputFile, StandardCharsets.UTF_8).strip();
                throw new TlsConfigurationException("'" + keytool + "' failed with exit code " + process.exitValue()
                        + " while generating the self-signed TLS certificate: " + output);
            }
        } finally {
            deleteQuietly(outputFile);
        }
    }

    private static void waitForKeytool(Process process, Path keytool) {
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TlsConfigurationException("'" + keytool + "' did not finish within "
                        + KEYTOOL_TIMEOUT_SECONDS + " s while generating the self-signed TLS certificate");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TlsConfigurationException("Interrupted while waiting for '" + keytool + "'", e);
        }
    }

    private static TlsMaterial load(Path keyStoreFile, Path passwordFile) {
        try {
            char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStoreFile)) {
                keyStore.load(in, password);
            }
            if (!(keyStore.getKey(ALIAS, password) instanceof PrivateKey key)) {
                throw new TlsConfigurationException("Key store '" + keyStoreFile + "' has no private key '" + ALIAS
                        + "'. Delete it and '" + passwordFile + "' to generate a new certificate");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : keyStore.getCertificateChain(ALIAS)) {
                chain.add((X509Certificate) certificate);
            }
            return new TlsMaterial(key, chain, "'" + keyStoreFile + "'");
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigurationException("Loading the self-signed TLS certificate from '" + keyStoreFile
                    + "' with the password in '" + passwordFile + "' failed: " + e.getMessage()
                    + ". Delete both files to generate a new certificate", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void createPrivateDirectory(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                return;
            }
            if (supportsPosix()) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new TlsConfigurationException("Creating TLS directory '" + directory + "' failed: " + e.getMessage()
                    + ". Check that the server may write to its data directory", e);
        }
    }

    private static void writePrivateFile(Path file, String content) throws IOException {
        if (supportsPosix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (supportsPosix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Deleting temporary file '{}' failed", file, e);
        }
    }

    private static boolean supportsPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
