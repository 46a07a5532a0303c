package dev.tern.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.kernel.Pid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tab completion: the completer called with parsed lines, its candidates fetched from a real server. */
class CompletionTest {

    @TempDir
    static Path directory;

    private static ConsoleTestServer fixture;
    private static XMPPTCPConnection client;
    private static ConsoleCompleter completer;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ConsoleTestServer.start(directory);
        client = XmppClients.login(fixture.server, "alice", "laptop");
        completer = new ConsoleCompleter(CommandSet.standard(), new Candidates(fixture.client()));
    }

    @AfterAll
    static void stopServer() {
        client.disconnect();
        fixture.close();
    }

    /** Returns the candidates for the word ending at the end of {@code line}. */
    private static List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void firstWordCompletesGroups() {
        assertThat(complete("")).contains("server", "users", "sessions", "roster", "modules", "processes",
                "messages", "log", "muc", "help", "exit");
    }

    @Test
    void secondWordCompletesSubcommands() {
        assertThat(complete("users ")).containsExactly("add", "delete", "password", "list", "exists");
        assertThat(complete("modules up")).contains("upgrade", "rollback", "start");
        assertThat(complete("help ")).contains("users", "modules");
        assertThat(complete("help modules ")).contains("upgrade", "rollback");
    }

    @Test
    void userArgumentsCompleteAccounts() {
        assertThat(complete("users delete ")).containsExactly("alice", "bob", "carol");
        assertThat(complete("roster show ")).containsExactly("alice", "bob", "carol");
    }

    @Test
    void jidArgumentsCompleteOnlineSessions() {
        assertThat(complete("sessions kick ")).containsExactly("alice@localhost", "alice@localhost/laptop");
        assertThat(complete("messages send ")).containsExactly("alice@localhost", "alice@localhost/laptop");
        assertThat(complete("messages send alice@localhost Hi ")).isEmpty();
    }

    @Test
    void moduleArgumentsCompleteNamesAndVersions() {
        assertThat(complete("modules upgrade ")).containsExactly("roster");
        assertThat(complete("modules upgrade roster ")).containsExactly(ConsoleTestServer.ROSTER_VERSION,
                ConsoleTestServer.ROSTER_UPGRADE);
        assertThat(complete("modules install ")).containsExactly("roster");
    }

    @Test
    void pidArgumentsCompleteLiveProcesses() {
        Pid supervisor = fixture.server.kernel().whereis("c2s_sup").orElseThrow();

        assertThat(complete("processes info ")).contains(Long.toString(supervisor.serial()));
        assertThat(complete("processes kill " + supervisor.serial() + " ")).containsExactly("kill", "shutdown",
                "normal");
    }

    @Test
    void logArgumentsCompleteLoggersAndLevels() {
        assertThat(complete("log set ")).contains("ROOT", "dev.tern");
        assertThat(complete("log set dev.tern ")).containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF",
                "INHERIT");
    }

    @Test
    void unreachableServerCompletesNothing() {
        ConsoleCompleter offline = new ConsoleCompleter(CommandSet.standard(), new Candidates(new JolokiaClient(
                java.net.URI.create("http://127.0.0.1:1/jolokia/"), "admin", "x".toCharArray())));
        List<Candidate> candidates = new ArrayList<>();

        offline.complete(null, new DefaultParser().parse("users delete ", 13), candidates);

        assertThat(candidates).isEmpty();
    }
}
