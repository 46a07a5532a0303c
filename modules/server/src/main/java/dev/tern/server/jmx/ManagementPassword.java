package dev.tern.server.jmx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of the management endpoint, kept in clear in a file that only its owner may read,
 * so that an administrator and the admin console can log in with it. The server itself keeps only
 * its SCRAM-SHA-256 hash in memory.
 */
public final class ManagementPassword {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementPassword.class);

    /** 18 random bytes, 144 bits, which base64url writes as 24 characters. */
    private static final int RANDOM_BYTES = 18;

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private ManagementPassword() {
    }

    /**
     * Returns the password in the first line of {@code file}. When the file does not exist, writes a
     * new random password to it first, with permissions 0600 on a POSIX file system.
     *
     * @throws IOException when the file cannot be created or read
     * @throws IllegalStateException when the file's first line is empty
     */
    public static String readOrCreate(Path file) throws IOException {
        if (Files.notExists(file)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException e) {
                // Another process created it meanwhile; use its password.
            }
        } else {
            warnIfShared(file);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String password = lines.isEmpty() ? "" : lines.getFirst().strip();
        if (password.isEmpty()) {
            throw new IllegalStateException("Management password file '" + file + "' has no password on its first "
                    + "line; write one there, or delete the file to have the server generate one");
        }
        return password;
    }

    private static void create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
            LOG.warn("The file system of '{}' has no POSIX permissions, so the new management password file "
                    + "keeps the default permissions; restrict who can read it", file);
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        LOG.info("Generated the management password in '{}'; the file is readable by its owner only", file);
    }

    private static void warnIfShared(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (!OWNER_ONLY.containsAll(permissions)) {
            LOG.warn("Management password file '{}' has permissions '{}', so other users may read it; restrict it "
                    + "with chmod 600", file, PosixFilePermissions.toString(permissions));
        }
    }
}
