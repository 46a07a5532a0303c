package dev.tern.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.kernel.Down;
import dev.tern.kernel.Pid;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.Roster;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell on a dumb terminal with scripted input, against a real managed server. */
class ShellTest {

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

    /** The exit code and the terminal output of one shell run. */
    private record Run(int exitCode, String output) {
    }

    private static Run shell(JolokiaClient client, String script) throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exitCode;
        // A dumb terminal reads the script straight from the stream, with no pump thread that could end early.
        try (Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8)) {
            exitCode = new Shell(terminal, client, directory.resolve("history"), false).run();
        }
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8));
    }

    private static String shell(String script) throws Exception {
        Run run = shell(fixture.client(), script);
        assertThat(run.exitCode()).isZero();
        return run.output();
    }

    @Test
    void promptNamesDomainAndStatusShowsServer() throws Exception {
        String output = shell("server status\n");

        assertThat(output).contains("Connected to 'localhost' at " + fixture.url());
        assertThat(output).contains("localhost> ");
        assertThat(output).containsPattern("Domain: +localhost");
        assertThat(output).containsPattern("Listeners: +c2s-starttls 127\\.0\\.0\\.1:" + fixture.server.c2sPort());
        assertThat(output).containsPattern("Processes: +\\d+");
    }

    @Test
    void usersLifecycleKeepsPasswordsOutOfHistory() throws Exception {
        String output = shell("""
                users add dora
                first-secret
                first-secret
                users list
                users exists dora
                users password dora
                second-secret
                second-secret
                users delete dora
                y
                users exists dora
                """);

        assertThat(output).contains("Created account 'dora'");
        assertThat(output).containsPattern("(?m)^dora$");
        assertThat(output).contains("Account 'dora' exists");
        assertThat(output).contains("Changed the password of 'dora'");
        assertThat(output).contains("Deleted account 'dora'");
        assertThat(output).contains("Account 'dora' does not exist");
        assertThat(output).doesNotContain("first-secret").doesNotContain("second-secret");
        assertThat(fixture.server.accounts().exists("dora")).isFalse();

        String history = Files.readString(directory.resolve("history"));
        assertThat(history).contains("users add dora");
        assertThat(history).doesNotContain("first-secret").doesNotContain("second-secret");
    }

    @Test
    void differingPasswordsCreateNothing() throws Exception {
        String output = shell("users add erin\none\ntwo\n");

        assertThat(output).contains("The two passwords differ; nothing was changed");
        assertThat(fixture.server.accounts().exists("erin")).isFalse();
    }

    @Test
    void sessionsListShowAndKick() throws Exception {
        XMPPTCPConnection client = XmppClients.login(fixture.server, "alice", "desk");
        CompletableFuture<Exception> closed = XmppClients.closedOnError(client);

        String output = shell("""
                sessions list
                sessions show alice@localhost
                sessions kick alice@localhost/desk Maintenance window
                """);

        assertThat(output).containsPattern("JID +ADDRESS +TLS +SINCE +IN +OUT");
        assertThat(output).containsPattern("alice@localhost/desk +127\\.0\\.0\\.1:\\d+ +TLSv1\\.3");
        assertThat(output).containsPattern("Stanzas in: +\\d+");
        assertThat(output).contains("Closed 1 session of 'alice@localhost/desk'");
        StreamError error = ((StreamErrorException) closed.get(10, TimeUnit.SECONDS)).getStreamError();
        assertThat(error.getCondition()).isEqualTo(StreamError.Condition.policy_violation);
        assertThat(error.getDescriptiveText()).isEqualTo("Maintenance window");
    }

    @Test
    void massKickReportsEachSession() throws Exception {
        List<XMPPTCPConnection> clients = List.of(XmppClients.login(fixture.server, "bob", "one"),
                XmppClients.login(fixture.server, "bob", "two"), XmppClients.login(fixture.server, "carol", "three"));
        List<CompletableFuture<Exception>> closed = clients.stream().map(XmppClients::closedOnError).toList();

        String output = shell("sessions kick --all --condition system-shutdown Restarting\ny\n");

        assertThat(output).containsPattern("\\[\\d+/\\d+\\] closed bob@localhost/one");
        assertThat(output).containsPattern("\\[\\d+/\\d+\\] closed bob@localhost/two");
        assertThat(output).containsPattern("\\[\\d+/\\d+\\] closed carol@localhost/three");
        assertThat(output).containsPattern("Closed \\d+ sessions");
        for (CompletableFuture<Exception> each : closed) {
            assertThat(((StreamErrorException) each.get(10, TimeUnit.SECONDS)).getStreamError().getCondition())
                    .isEqualTo(StreamError.Condition.system_shutdown);
        }
    }

    @Test
    void rosterShowsItemsFromRosterModule() throws Exception {
        Roster roster = fixture.server.modules().lookup(Roster.class).orElseThrow();
        roster.update(Jid.parse("alice@localhost"), Jid.parse("bob@localhost"),
                current -> new ContactSubscription(SubscriptionState.BOTH, false));

        String output = shell("roster show alice\nroster show carol\nroster show nobody\n");

        assertThat(output).containsPattern("JID +NAME +SUBSCRIPTION +ASK +GROUPS");
        assertThat(output).containsPattern("bob@localhost +- +both");
        assertThat(output).contains("The roster of 'carol' is empty");
        assertThat(output).contains("No account 'nobody'");
    }

    @Test
    void modulesUpgradeAndRollBackWithProgress() throws Exception {
        String output = shell("""
                modules list
                modules info roster
                modules upgrade roster 1.1.0
                modules list
                modules rollback roster
                modules upgrade roster 9.9.9
                """);

        assertThat(output).containsPattern("NAME +VERSION +STATE");
        assertThat(output).containsPattern("roster +1\\.0\\.0 +RUNNING");
        assertThat(output).containsPattern("Available: +1\\.0\\.0, 1\\.1\\.0");
        assertThat(output).contains("Upgrading 'roster' from 1.0.0 to 1.1.0");
        assertThat(output).contains("Upgraded 'roster' from 1.0.0 to 1.1.0 in ");
        assertThat(output).containsPattern("roster +1\\.1\\.0 +RUNNING");
        assertThat(output).contains("Rolled 'roster' back from 1.1.0 to 1.0.0 in ");
        assertThat(output).contains("9.9.9");
        assertThat(fixture.server.modules().version("roster")).contains("1.0.0");
    }

    @Test
    void modulesStopAndStartAgain() throws Exception {
        String output = shell("modules stop roster\nroster show alice\nmodules start roster\n");

        assertThat(output).contains("Stopped 'roster' 1.0.0");
        assertThat(output).contains("No running module provides rosters; start the roster module first");
        assertThat(output).contains("Started 'roster' 1.0.0");
        assertThat(fixture.server.modules().version("roster")).contains("1.0.0");
    }

    @Test
    void processesTreeInfoTopAndKill() throws Exception {
        Pid supervisor = fixture.server.kernel().whereis("c2s_sup").orElseThrow();
        Pid target = fixture.server.kernel().spawn(self -> self.receive());
        CompletableFuture<Object> down = new CompletableFuture<>();
        fixture.server.kernel().spawn(self -> {
            self.monitor(target);
            down.complete(self.receive(Down.class, null).reason());
        });

        String output = shell("processes tree\nprocesses info " + supervisor + "\nprocesses top\nq\n"
                + "processes kill " + target.serial() + " kill\ny\n");

        assertThat(output).contains(supervisor + " c2s_sup");
        assertThat(output).containsPattern("Name: +c2s_sup");
        assertThat(output).containsPattern("PID +NAME +STATUS +MAILBOX +HANDLED +PER SECOND +MODULE");
        assertThat(output).contains("Press any key to stop");
        assertThat(output).contains("Sent exit signal 'kill' to " + target);
        assertThat(down.get(10, TimeUnit.SECONDS)).hasToString("killed");
    }

    @Test
    void messagesReachConnectedClient() throws Exception {
        XMPPTCPConnection client = XmppClients.login(fixture.server, "carol", "phone");
        LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
        client.addAsyncStanzaListener(stanza -> received.add((Message) stanza), StanzaTypeFilter.MESSAGE);
        try {
            String output = shell("messages send carol@localhost/phone Hello from the admin\n"
                    + "messages announce Maintenance at noon\n");

            assertThat(output).contains("Sent the message to 'carol@localhost/phone'");
            assertThat(output).containsPattern("Announced to \\d+ sessions?");
            assertThat(received.poll(10, TimeUnit.SECONDS).getBody()).isEqualTo("Hello from the admin");
            Message announcement = received.poll(10, TimeUnit.SECONDS);
            assertThat(announcement.getBody()).isEqualTo("Maintenance at noon");
            assertThat(announcement.getType()).isEqualTo(Message.Type.headline);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void logSetShowAndInherit() throws Exception {
        String output = shell("""
                log set dev.tern.console.probe debug
                log show
                log show dev.tern.console.probe
                log set dev.tern.console.probe inherit
                log set dev.tern LOUD
                """);

        assertThat(output).contains("dev.tern.console.probe: DEBUG");
        assertThat(output).containsPattern("dev\\.tern\\.console\\.probe +DEBUG");
        assertThat(output).contains("dev.tern.console.probe: inherits INFO");
        assertThat(output).contains("Level 'LOUD' is not one of");
    }

    @Test
    void helpAndUnknownCommands() throws Exception {
        String output = shell("help\nhelp modules upgrade\nmuc\nbogus\nusers\nusers add\n");

        assertThat(output).containsPattern("users +accounts: add, delete, password, list, exists");
        assertThat(output).contains("modules upgrade NAME VERSION  replace the running version without stopping it");
        assertThat(output).contains("Multi-user chat (XEP-0045) is not available in this server yet");
        assertThat(output).contains("Unknown command 'bogus'; 'help' lists the commands");
        assertThat(output).contains("'users' needs a subcommand: add, delete, password, list, exists");
        assertThat(output).contains("Missing argument; usage: users add NAME");
    }

    @Test
    void jsonFlagPrintsReplyValue() throws Exception {
        String output = shell("sessions count --json\nserver status --json\n");

        assertThat(output).contains("\"Domain\": \"localhost\"");
        assertThat(output).containsPattern("\"SessionCount\": \\d+");
    }

    @Test
    void wrongPasswordEndsWithClearError() throws Exception {
        Run run = shell(new JolokiaClient(fixture.url(), "admin", "guess".toCharArray()), "server status\n");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).contains("rejected the password of management user 'admin' (HTTP 401)");
    }

    @Test
    void serverDownEndsWithClearError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/jolokia/");

        Run run = shell(new JolokiaClient(url, "admin", "x".toCharArray()), "server status\n");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).contains("Cannot reach the Tern server at " + url + " (connection refused)");
    }
}
