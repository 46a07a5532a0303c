package dev.tern.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.server.auth.ScramAlgorithm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tern ctl}: one command per run, results on standard output, errors on standard error, exit codes. */
class CtlTest {

    @TempDir
    static Path directory;

    private static ConsoleTestServer fixture;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ConsoleTestServer.start(directory);
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    /** The exit code and both output streams of one run. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run ctlWithInput(String input, String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("ctl", "--config", fixture.configFile.toString()));
        args.addAll(List.of(words));
        int exitCode = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(
                input.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run ctl(String... words) {
        return ctlWithInput("", words);
    }

    @Test
    void configFileLocatesEndpointAndPassword() {
        Run run = ctl("server", "status");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("Domain: +localhost");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void usersAddReadsPasswordFromStandardInput() throws Exception {
        Run added = ctlWithInput("piped secret\n", "users", "add", "frank");

        assertThat(added.exitCode()).isZero();
        assertThat(added.out()).contains("Created account 'frank'");
        assertThat(fixture.server.accounts().scramCredential("frank", ScramAlgorithm.SHA_256)
                .matchesPassword("piped secret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ctl("users", "exists", "frank").exitCode()).isZero();
    }

    @Test
    void missingAccountExitsOne() {
        Run exists = ctl("users", "exists", "nobody");
        Run delete = ctl("users", "delete", "nobody");

        assertThat(exists.exitCode()).isEqualTo(1);
        assertThat(exists.err()).contains("Account 'nobody' does not exist");
        assertThat(delete.exitCode()).isEqualTo(1);
        assertThat(delete.err()).contains("No account 'nobody'");
        assertThat(delete.out()).isEmpty();
    }

    @Test
    void wrongCommandLineExitsTwo() {
        Run unknown = ctl("bogus");
        Run missing = ctl("users", "add");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command 'bogus'");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing argument; usage: users add NAME");
    }

    @Test
    void mucIsNotAvailable() {
        Run run = ctl("muc");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Multi-user chat (XEP-0045) is not available in this server yet");
    }

    @Test
    void wrongPasswordExitsThree() throws Exception {
        Path wrong = Files.writeString(directory.resolve("wrong.password"), "guess\n");

        Run run = ctl("--password-file", wrong.toString(), "server", "status");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("rejected the password of management user 'admin' (HTTP 401)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void serverDownExitsThree() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Run run = ctl("--url", "http://127.0.0.1:" + port + "/jolokia/", "sessions", "count");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("Cannot reach the Tern server at http://127.0.0.1:" + port + "/jolokia/");
    }

    @Test
    void jsonOutputParses() throws Exception {
        Run run = ctl("--json", "users", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(Json.parse(run.out())).asInstanceOf(InstanceOfAssertFactories.LIST).contains("alice", "bob", "carol");
    }

    @Test
    void topPrintsOneSnapshot() {
        Run run = ctl("processes", "top");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("PID +NAME +STATUS +MAILBOX");
        assertThat(run.out()).contains("c2s_sup");
        assertThat(run.out()).doesNotContain("Press any key");
    }

    @Test
    void serverStopRunsStopAction() throws Exception {
        Run run = ctl("server", "stop");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("The server is stopping");
        assertThat(fixture.stopRequested.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void consoleRejectsCommandWords() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Main.run(new String[] {"console", "users", "list"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("use 'tern ctl users ...' for one command");
    }
}
