package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.hotload.management.ManagementPlane;
import dev.tern.hotload.management.ModuleView;
import dev.tern.hotload.management.ModulesMXBean;
import dev.tern.mod.presence.PresenceModule;
import dev.tern.mod.roster.RosterModule;
import dev.tern.server.it.upgrade.MarkedModule;
import dev.tern.server.it.upgrade.MarkedPresence;
import dev.tern.server.it.upgrade.MarkedRoster;
import dev.tern.server.testing.Await;
import dev.tern.server.testing.ModuleJars;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.roster.ContactSubscription;
import dev.tern.xmpp.api.roster.SubscriptionState;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.JMX;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jolokia.json.parser.JSONParser;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upgrades the roster and presence modules of a running server through the
 * {@code tern:type=Modules} MXBean and over Jolokia, while Smack clients change their presence and
 * rosters. Checks that no session, roster push or presence was lost and that the new versions
 * handle service discovery.
 */
class LiveUpgradeTest {

    private static final int CLIENTS = 4;
    /** Rounds each client runs at most; it stops earlier, a few rounds after the last upgrade. */
    private static final int MAX_ROUNDS = 5_000;
    private static final int ROUNDS_AFTER_UPGRADES = 10;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STATUS_PREFIX = "round-";

    private TestServer server;
    private final List<Client> clients = new ArrayList<>();

    /** One connected user and what it received. */
    private static final class Client {
        final String user;
        final XMPPTCPConnection connection;
        final Map<String, List<String>> statusesByContact = new ConcurrentHashMap<>();
        final List<String> pushedItems = new CopyOnWriteArrayList<>();
        final List<Exception> connectionErrors = new CopyOnWriteArrayList<>();
        final AtomicInteger roundsDone = new AtomicInteger();

        Client(String user, XMPPTCPConnection connection) {
            this.user = user;
            this.connection = connection;
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256());
        String[] users = IntStream.range(0, CLIENTS).mapToObj(LiveUpgradeTest::user).toArray(String[]::new);
        server = TestServer.start(TestServer.withModules(), users);

        Path repository = server.repository();
        ModuleJars.installVariant(repository, RosterModule.class, "0.2.0",
                List.of(MarkedModule.class, MarkedRoster.class), entry(MarkedRoster.class));
        ModuleJars.installVariant(repository, PresenceModule.class, "0.2.0", List.of(), descriptor -> descriptor);
        ModuleJars.installVariant(repository, PresenceModule.class, "0.3.0",
                List.of(MarkedModule.class, MarkedPresence.class), entry(MarkedPresence.class));

        // Every user is subscribed to every other, both ways, through the roster module's own API.
        dev.tern.xmpp.api.roster.Roster rosters = server.server.modules().lookup(dev.tern.xmpp.api.roster.Roster.class)
                .orElseThrow();
        for (String owner : users) {
            for (String contact : users) {
                if (!owner.equals(contact)) {
                    rosters.update(Jid.parse(owner + "@localhost"), Jid.parse(contact + "@localhost"),
                            current -> new ContactSubscription(SubscriptionState.BOTH, false));
                }
            }
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        clients.forEach(client -> client.connection.disconnect());
        SASLAuthentication.unregisterSASLMechanism(SmackScramSha256.class.getName());
        server.close();
    }

    @Test
    void upgradesLoseNoSessionPushOrPresence() throws Exception {
        SmackClients smack = new SmackClients(server);
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(connect(smack, user(i)));
        }
        for (Client client : clients) {
            Roster roster = Roster.getInstanceFor(client.connection);
            for (Client other : clients) {
                if (other != client) {
                    Await.until(client.user + " sees " + other.user + " available",
                            () -> roster.getPresence(JidCreate.bareFromOrThrowUnchecked(other.user + "@localhost"))
                                    .isAvailable());
                }
            }
        }

        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean upgraded = new AtomicBoolean();
        List<Thread> load = clients.stream().map(client -> Thread.ofPlatform().name("load-" + client.user)
                .start(() -> changePresenceAndRoster(client, upgraded, failures))).toList();
        Await.until("every client finished a few rounds",
                () -> clients.stream().allMatch(client -> client.roundsDone.get() >= 3));
        int roundsBefore = totalRounds();

        ModulesMXBean modules = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), ManagementPlane.MODULES,
                ModulesMXBean.class);
        ModuleView roster = modules.upgrade("roster", "0.2.0");
        ModuleView presence = modules.upgrade("presence", "0.2.0");
        assertThat(roster.version()).isEqualTo("0.2.0");
        assertThat(roster.state()).isEqualTo("RUNNING");
        assertThat(presence.version()).isEqualTo("0.2.0");

        String upgrade = "{\"type\":\"exec\",\"mbean\":\"tern:type=Modules\",\"operation\":\"upgrade\","
                + "\"arguments\":[\"presence\",\"0.3.0\"]}";
        assertThat(postToJolokia(upgrade, null).statusCode()).as("a request without credentials").isEqualTo(401);
        HttpResponse<String> overJolokia = postToJolokia(upgrade, managementPassword());
        assertThat(overJolokia.statusCode()).isEqualTo(200);
        Map<String, Object> reply = json(overJolokia.body());
        assertThat(((Number) reply.get("status")).intValue()).as(overJolokia.body()).isEqualTo(200);
        assertThat(((Map<?, ?>) reply.get("value")).get("version")).isEqualTo("0.3.0");
        int roundsDuringUpgrades = totalRounds() - roundsBefore;
        upgraded.set(true);

        for (Thread thread : load) {
            thread.join(WAIT.toMillis());
            assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
        }
        assertThat(failures).isEmpty();
        assertThat(roundsDuringUpgrades).as("rounds the clients ran while the modules were upgraded").isPositive();

        for (Client client : clients) {
            Await.until(client.user + " received every push and presence", () -> received(client));
        }
        for (Client client : clients) {
            assertThat(client.connection.isConnected()).as(client.user + " connected").isTrue();
            assertThat(client.connection.isAuthenticated()).as(client.user + " authenticated").isTrue();
            assertThat(client.connectionErrors).as(client.user + "'s stream errors").isEmpty();
            assertThat(client.pushedItems).as(client.user + "'s roster pushes, none lost or repeated")
                    .containsExactlyInAnyOrderElementsOf(expectedItems(client));
            for (Client other : clients) {
                if (other != client) {
                    assertThat(client.statusesByContact.get(other.user + "@localhost"))
                            .as("the statuses " + client.user + " received from " + other.user + ", in order")
                            .isEqualTo(expectedStatuses(other));
                }
            }
        }

        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(clients.getFirst().connection)
                .discoverInfo(JidCreate.domainBareFrom(TestServer.DOMAIN));
        assertThat(info.containsFeature(MarkedRoster.FEATURE)).as("roster 0.2.0 answers disco#info").isTrue();
        assertThat(info.containsFeature(MarkedPresence.FEATURE)).as("presence 0.3.0 answers disco#info").isTrue();
        Set<String> versions = modules.list().stream().map(view -> view.name() + "@" + view.version())
                .collect(Collectors.toSet());
        assertThat(versions).containsExactlyInAnyOrder("roster@0.2.0", "presence@0.3.0");
    }

    private Client connect(SmackClients smack, String user) throws Exception {
        XMPPTCPConnection connection = smack.loginWithRoster(user, "load");
        Client client = new Client(user, connection);
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                client.connectionErrors.add(e);
            }
        });
        // Synchronous listeners run in the order the stanzas arrived.
        connection.addSyncStanzaListener(stanza -> {
            Presence presence = (Presence) stanza;
            String status = presence.getStatus();
            if (status != null && status.startsWith(STATUS_PREFIX)) {
                client.statusesByContact.computeIfAbsent(presence.getFrom().asBareJid().toString(),
                        contact -> new CopyOnWriteArrayList<>()).add(status);
            }
        }, StanzaTypeFilter.PRESENCE);
        // Smack hands roster pushes to its Roster and not to stanza listeners; each push of a new item adds an entry.
        Roster.getInstanceFor(connection).addRosterListener(new AbstractRosterListener() {
            @Override
            public void entriesAdded(Collection<org.jxmpp.jid.Jid> addresses) {
                addresses.forEach(address -> client.pushedItems.add(address.toString()));
            }
        });
        return client;
    }

    /**
     * Sends presence updates and roster sets, each set waiting for its result, until a few
     * rounds after {@code upgraded} turned true or {@value #MAX_ROUNDS} rounds.
     */
    private static void changePresenceAndRoster(Client client, AtomicBoolean upgraded, List<Throwable> failures) {
        Roster roster = Roster.getInstanceFor(client.connection);
        int afterUpgrades = 0;
        try {
            for (int round = 0; round < MAX_ROUNDS && afterUpgrades < ROUNDS_AFTER_UPGRADES; round++) {
                if (upgraded.get()) {
                    afterUpgrades++;
                }
                client.connection.sendStanza(client.connection.getStanzaFactory().buildPresenceStanza()
                        .setStatus(STATUS_PREFIX + round).build());
                roster.createItem(JidCreate.bareFrom(item(client, round)), null, null);
                client.roundsDone.incrementAndGet();
            }
        } catch (Exception e) {
            failures.add(new AssertionError(client.user + " failed in round " + client.roundsDone.get(), e));
        }
    }

    private int totalRounds() {
        return clients.stream().mapToInt(client -> client.roundsDone.get()).sum();
    }

    private boolean received(Client client) {
        if (client.pushedItems.size() < client.roundsDone.get()) {
            return false;
        }
        return clients.stream().filter(other -> other != client).allMatch(other -> {
            List<String> statuses = client.statusesByContact.get(other.user + "@localhost");
            return statuses != null && statuses.size() >= other.roundsDone.get();
        });
    }

    private static List<String> expectedItems(Client client) {
        return IntStream.range(0, client.roundsDone.get()).mapToObj(round -> item(client, round)).toList();
    }

    private static List<String> expectedStatuses(Client sender) {
        return IntStream.range(0, sender.roundsDone.get()).mapToObj(round -> STATUS_PREFIX + round).toList();
    }

    private static String item(Client client, int round) {
        return "extra-" + client.user + "-" + round + "@localhost";
    }

    private static String user(int index) {
        return "user" + index;
    }

    private static java.util.function.UnaryOperator<Properties> entry(Class<?> entryClass) {
        return descriptor -> {
            descriptor.setProperty("entry", entryClass.getName());
            return descriptor;
        };
    }

    private String managementPassword() throws Exception {
        return Files.readAllLines(server.server.config().management().passwordFile(), StandardCharsets.UTF_8)
                .getFirst().strip();
    }

    private HttpResponse<String> postToJolokia(String json, String password) throws Exception {
        URI url = server.server.managementUrl().orElseThrow();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(WAIT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (password != null) {
            String token = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) throws Exception {
        return (Map<String, Object>) new JSONParser().parse(body);
    }
}
