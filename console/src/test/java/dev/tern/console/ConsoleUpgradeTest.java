package dev.tern.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Types {@code modules upgrade} and {@code modules rollback} for the roster module into the
 * shell while Smack clients over STARTTLS keep adding roster items. Checks that the console
 * printed the outcome, that no client lost its session or a roster push, and that the version
 * the console installed is the one that handles service discovery.
 */
class ConsoleUpgradeTest {

    private static final int CLIENTS = 4;
    /** Rounds each client runs before the command starts, so the command meets a running load. */
    private static final int WARM_UP_ROUNDS = 3;
    /** Rounds each client runs after the command returned, served by the version it installed. */
    private static final int ROUNDS_AFTER_COMMAND = 10;
    /** The upper bound on each client's rounds, in case the command never returns. */
    private static final int MAX_ROUNDS = 5_000;
    /** The upper bound on each client's load loop, and on each wait for the clients. */
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String MARKED_VERSION = "2.0.0";

    @TempDir
    Path directory;

    private ConsoleTestServer fixture;
    private final List<Client> clients = new ArrayList<>();

    /** One logged-in user, the roster pushes it received and the events that closed its connection. */
    private static final class Client {
        final String user;
        final XMPPTCPConnection connection;
        final LinkedBlockingQueue<String> pushedItems = new LinkedBlockingQueue<>();
        final List<String> closeEvents = new CopyOnWriteArrayList<>();
        final AtomicInteger roundsDone = new AtomicInteger();

        Client(String user, XMPPTCPConnection connection) {
            this.user = user;
            this.connection = connection;
        }
    }

    /** The console output of one command and the clients' rounds around it. */
    private record LoadedRun(String output, int roundsDuringCommand, int roundsAfterCommand) {
    }

    @BeforeEach
    void startServerAndClients() throws Exception {
        fixture = ConsoleTestServer.start(directory);
        RosterJars.addWithEntry(fixture.server.config().modules().repository(), MARKED_VERSION, MarkedRoster.class);
        for (int i = 0; i < CLIENTS; i++) {
            String user = "user" + i;
            fixture.server.accounts().create(user, ConsoleTestServer.USER_PASSWORD);
            clients.add(connect(user));
        }
    }

    @AfterEach
    void stopClientsAndServer() {
        clients.forEach(client -> client.connection.disconnect());
        fixture.close();
    }

    @Test
    void upgradeUnderLoadKeepsClients() throws Exception {
        LoadedRun run = underLoad("modules upgrade roster " + MARKED_VERSION + "\nmodules list\n");

        assertThat(run.output()).contains("Upgrading 'roster' from 1.0.0 to " + MARKED_VERSION);
        assertThat(run.output()).contains("Upgraded 'roster' from 1.0.0 to " + MARKED_VERSION + " in ");
        assertThat(run.output()).containsPattern("roster +2\\.0\\.0 +RUNNING");
        assertClientsKeptEverything(run);
        assertThat(fixture.server.modules().version("roster")).contains(MARKED_VERSION);
        assertThat(discoveredFeatures()).as("features of the upgraded roster").contains(MarkedRoster.FEATURE);
    }

    @Test
    void rollbackUnderLoadKeepsClients() throws Exception {
        String upgrade = shell("modules upgrade roster " + MARKED_VERSION + "\n");
        assertThat(upgrade).contains("Upgraded 'roster' from 1.0.0 to " + MARKED_VERSION + " in ");
        assertThat(discoveredFeatures()).as("features before the rollback").contains(MarkedRoster.FEATURE);

        LoadedRun run = underLoad("modules rollback roster\nmodules list\n");

        assertThat(run.output()).contains("Rolling 'roster' back from " + MARKED_VERSION);
        assertThat(run.output()).contains("Rolled 'roster' back from " + MARKED_VERSION + " to 1.0.0 in ");
        assertThat(run.output()).containsPattern("roster +1\\.0\\.0 +RUNNING");
        assertClientsKeptEverything(run);
        assertThat(fixture.server.modules().version("roster")).contains("1.0.0");
        assertThat(discoveredFeatures()).as("features after the rollback").doesNotContain(MarkedRoster.FEATURE);
    }

    private Client connect(String user) throws Exception {
        XMPPTCPConnection connection = XmppClients.login(fixture.server, user, "load");
        Client client = new Client(user, connection);
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed() {
                client.closeEvents.add("connection closed");
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                client.closeEvents.add("connection closed on error: " + e);
            }
        });
        // Smack hands roster pushes to its Roster and not to stanza listeners. Each push of a new item adds an entry.
        Roster roster = Roster.getInstanceFor(connection);
        roster.addRosterListener(new AbstractRosterListener() {
            @Override
            public void entriesAdded(Collection<Jid> addresses) {
                addresses.forEach(address -> client.pushedItems.add(address.toString()));
            }
        });
        // XmppClients turns the roster request at login off, so the roster is loaded here, before any push.
        roster.reloadAndWait();
        return client;
    }

    /**
     * Runs {@code script} in the shell while every client adds roster items, and returns the
     * output once every client has stopped, {@value #ROUNDS_AFTER_COMMAND} rounds after the
     * shell returned.
     */
    private LoadedRun underLoad(String script) throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean commandDone = new AtomicBoolean();
        CountDownLatch warmedUp = new CountDownLatch(CLIENTS);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        List<Thread> load = clients.stream().map(client -> Thread.ofPlatform().name("load-" + client.user)
                .start(() -> addItems(client, commandDone, warmedUp, deadline, failures))).toList();
        assertThat(warmedUp.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("every client ran its first rounds")
                .isTrue();

        int roundsBefore = totalRounds();
        String output = shell(script);
        int roundsAtReturn = totalRounds();
        commandDone.set(true);

        for (Thread thread : load) {
            thread.join(LIMIT.toMillis());
            assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
        }
        assertThat(failures).as("failures of the clients' roster sets").isEmpty();
        return new LoadedRun(output, roundsAtReturn - roundsBefore, totalRounds() - roundsAtReturn);
    }

    /**
     * Adds one new roster item per round, each waiting for its result, until
     * {@value #ROUNDS_AFTER_COMMAND} rounds after {@code commandDone} turned true, or
     * {@value #MAX_ROUNDS} rounds, or the deadline.
     */
    private static void addItems(Client client, AtomicBoolean commandDone, CountDownLatch warmedUp, long deadline,
            List<Throwable> failures) {
        Roster roster = Roster.getInstanceFor(client.connection);
        int afterCommand = 0;
        boolean warm = false;
        try {
            for (int round = 0; round < MAX_ROUNDS && afterCommand < ROUNDS_AFTER_COMMAND
                    && System.nanoTime() - deadline < 0; round++) {
                if (commandDone.get()) {
                    afterCommand++;
                }
                roster.createItem(JidCreate.bareFrom(item(client, round)), null, null);
                client.roundsDone.incrementAndGet();
                if (round == WARM_UP_ROUNDS - 1) {
                    warmedUp.countDown();
                    warm = true;
                }
            }
        } catch (Exception e) {
            failures.add(new AssertionError(client.user + " failed in round " + client.roundsDone.get(), e));
        } finally {
            // A client that stopped early must not keep the test waiting for its warm-up.
            if (!warm) {
                warmedUp.countDown();
            }
        }
    }

    private void assertClientsKeptEverything(LoadedRun run) throws Exception {
        assertThat(run.roundsDuringCommand()).as("rounds the clients ran while the shell ran the command")
                .isPositive();
        assertThat(run.roundsAfterCommand()).as("rounds the clients ran after the command").isPositive();

        for (Client client : clients) {
            List<String> pushed = awaitPushes(client);
            assertThat(pushed).as(client.user + "'s roster pushes, none lost or repeated")
                    .containsExactlyInAnyOrderElementsOf(expectedItems(client));
            assertThat(client.connection.isConnected()).as(client.user + " connected").isTrue();
            assertThat(client.connection.isAuthenticated()).as(client.user + " authenticated").isTrue();
            assertThat(client.closeEvents).as(client.user + "'s connection events").isEmpty();
        }
    }

    /** Returns the items pushed to {@code client}: as many as it added, or fewer once the limit passed. */
    private static List<String> awaitPushes(Client client) throws InterruptedException {
        List<String> pushed = new ArrayList<>();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (pushed.size() < client.roundsDone.get()) {
            String item = client.pushedItems.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (item == null) {
                break;
            }
            pushed.add(item);
        }
        // Anything already queued beyond the expected count is a repeated or stray push.
        client.pushedItems.drainTo(pushed);
        return pushed;
    }

    private static List<String> expectedItems(Client client) {
        return IntStream.range(0, client.roundsDone.get()).mapToObj(round -> item(client, round)).toList();
    }

    private static String item(Client client, int round) {
        return "extra-" + client.user + "-" + round + "@localhost";
    }

    private int totalRounds() {
        return clients.stream().mapToInt(client -> client.roundsDone.get()).sum();
    }

    private List<String> discoveredFeatures() throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(clients.getFirst().connection)
                .discoverInfo(JidCreate.domainBareFrom(ConsoleTestServer.DOMAIN))
                .getFeatures().stream()
                .map(DiscoverInfo.Feature::getVar)
                .toList();
    }

    /** Runs {@code script} in the shell on a dumb terminal, as an administrator types it, and returns the output. */
    private String shell(String script) throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exitCode;
        try (Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8)) {
            exitCode = new Shell(terminal, fixture.client(), directory.resolve("history"), false).run();
        }
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("the shell's exit code; output: %s", output).isZero();
        return output;
    }
}
