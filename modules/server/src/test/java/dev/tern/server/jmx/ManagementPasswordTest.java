package dev.tern.server.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ManagementPasswordTest {

    @TempDir
    Path directory;

    @Test
    void missingFileGetsRandomOwnerOnlyPassword() throws Exception {
        Path file = directory.resolve("nested/management.password");

        String password = ManagementPassword.readOrCreate(file);

        assertThat(password).matches("[A-Za-z0-9_-]{24}");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(password + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void logNamesFileButNotPassword() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ManagementPassword.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Path file = directory.resolve("management.password");
        String password;
        try {
            password = ManagementPassword.readOrCreate(file);
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(message -> assertThat(message).contains(file.toString()))
                .noneSatisfy(message -> assertThat(message).contains(password));
    }

    @Test
    void existingFileKeepsItsPassword() throws Exception {
        Path file = directory.resolve("management.password");
        String first = ManagementPassword.readOrCreate(file);

        String second = ManagementPassword.readOrCreate(file);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void generatedPasswordsDiffer() throws Exception {
        String first = ManagementPassword.readOrCreate(directory.resolve("first"));
        String second = ManagementPassword.readOrCreate(directory.resolve("second"));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void passwordWrittenByAdministratorIsRead() throws Exception {
        Path file = Files.writeString(directory.resolve("management.password"), "  chosen by hand  \nsecond line\n");

        assertThat(ManagementPassword.readOrCreate(file)).isEqualTo("chosen by hand");
    }

    @Test
    void emptyFileIsRejected() throws Exception {
        Path file = Files.writeString(directory.resolve("management.password"), "\n");

        assertThatThrownBy(() -> ManagementPassword.readOrCreate(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("delete the file");
    }
}
