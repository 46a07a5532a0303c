package dev.tern.server.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.server.config.ConflictPolicy;
import dev.tern.server.session.Deliver;
import dev.tern.server.session.SessionManager;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery rules of RFC 6121 section 8.5, with recording processes in place of streams. */
class RouterTest {

    private static final Jid ALICE = Jid.parse("alice@localhost/desk");
    private static final Object MARKER = "end of deliveries";

    private Kernel kernel;
    private SessionManager sessions;
    private Router router;
    private final Map<Jid, LinkedBlockingQueue<Object>> inboxes = new HashMap<>();

    @BeforeEach
    void start() {
        kernel = Kernel.start();
        sessions = new SessionManager(kernel);
        router = new Router("localhost", sessions, Set.of("alice", "bob", "carol")::contains, ModuleDispatch.NONE);
        bind(ALICE, 0);
    }

    @AfterEach
    void stop() {
        kernel.close();
    }

    @Test
    void chatGoesToHighestPriorityResources() throws Exception {
        bind(Jid.parse("bob@localhost/low"), 1);
        bind(Jid.parse("bob@localhost/high1"), 5);
        bind(Jid.parse("bob@localhost/high2"), 5);

        router.routeFromClient(ALICE, message("bob@localhost", "chat"));

        assertThat(delivered("bob@localhost/high1")).hasSize(1);
        assertThat(delivered("bob@localhost/high2")).hasSize(1);
        assertThat(delivered("bob@localhost/low")).isEmpty();
    }

    @Test
    void negativePriorityOnlyCountsAsOffline() throws Exception {
        bind(Jid.parse("bob@localhost/hidden"), -1);

        router.routeFromClient(ALICE, message("bob@localhost", "normal"));

        assertThat(delivered("bob@localhost/hidden")).isEmpty();
        assertThat(errorConditions(delivered(ALICE.toString()))).containsExactly("service-unavailable");
    }

    @Test
    void headlineGoesToAllNonNegativeResources() throws Exception {
        bind(Jid.parse("bob@localhost/a"), 0);
        bind(Jid.parse("bob@localhost/b"), 3);
        bind(Jid.parse("bob@localhost/hidden"), -5);

        router.routeFromClient(ALICE, message("bob@localhost", "headline"));

        assertThat(delivered("bob@localhost/a")).hasSize(1);
        assertThat(delivered("bob@localhost/b")).hasSize(1);
        assertThat(delivered("bob@localhost/hidden")).isEmpty();
    }

    @Test
    void groupchatToBareJidIsServiceUnavailable() throws Exception {
        bind(Jid.parse("bob@localhost/a"), 0);

        router.routeFromClient(ALICE, message("bob@localhost", "groupchat"));

        assertThat(delivered("bob@localhost/a")).isEmpty();
        assertThat(errorConditions(delivered(ALICE.toString()))).containsExactly("service-unavailable");
    }

    @Test
    void messageToUnknownUserIsServiceUnavailable() throws Exception {
        router.routeFromClient(ALICE, message("nobody@localhost", "chat"));

        List<Object> replies = delivered(ALICE.toString());
        assertThat(errorConditions(replies)).containsExactly("service-unavailable");
        assertThat(((Deliver) replies.getFirst()).stanza().attribute("from")).isEqualTo("nobody@localhost");
    }

    @Test
    void errorIsNeverAnswered() throws Exception {
        router.routeFromClient(ALICE, message("nobody@localhost", "error"));

        assertThat(delivered(ALICE.toString())).isEmpty();
    }

    @Test
    void chatToMissingResourceFallsBackToBareJid() throws Exception {
        bind(Jid.parse("bob@localhost/a"), 0);

        router.routeFromClient(ALICE, message("bob@localhost/gone", "chat"));

        assertThat(delivered("bob@localhost/a")).hasSize(1);
    }

    @Test
    void iqToMissingResourceIsServiceUnavailable() throws Exception {
        router.routeFromClient(ALICE, iq("bob@localhost/gone", "get"));

        assertThat(errorConditions(delivered(ALICE.toString()))).containsExactly("service-unavailable");
    }

    @Test
    void iqToConnectedResourceIsDelivered() throws Exception {
        Jid bob = Jid.parse("bob@localhost/a");
        bindWithoutPresence(bob);

        router.routeFromClient(ALICE, iq(bob.toString(), "get"));

        assertThat(delivered(bob.toString())).hasSize(1);
    }

    @Test
    void iqResultToServerIsDropped() throws Exception {
        router.routeFromClient(ALICE, iq("localhost", "result").withoutNodes());

        assertThat(delivered(ALICE.toString())).isEmpty();
    }

    @Test
    void presenceGoesToAllAvailableResources() throws Exception {
        bind(Jid.parse("bob@localhost/a"), 0);
        bind(Jid.parse("bob@localhost/hidden"), -1);

        router.routeFromClient(ALICE, Element.builder(Namespaces.CLIENT, "presence").attribute("to", "bob@localhost")
                .build());

        assertThat(delivered("bob@localhost/a")).hasSize(1);
        assertThat(delivered("bob@localhost/hidden")).hasSize(1);
    }

    @Test
    void remoteDomainIsRemoteServerNotFound() throws Exception {
        router.routeFromClient(ALICE, message("bob@example.org", "chat"));

        assertThat(errorConditions(delivered(ALICE.toString()))).containsExactly("remote-server-not-found");
    }

    @Test
    void iqWithTwoPayloadsIsBadRequest() throws Exception {
        Element iq = iq("localhost", "get").withChild(Element.of("urn:example:two", "second"));

        router.routeFromClient(ALICE, iq);

        assertThat(errorConditions(delivered(ALICE.toString()))).containsExactly("bad-request");
    }

    private void bind(Jid fullJid, int priority) {
        bindWithoutPresence(fullJid);
        sessions.setPresence(fullJid, Element.builder(Namespaces.CLIENT, "presence")
                .child(Element.builder(Namespaces.CLIENT, "priority").text(Integer.toString(priority)).build())
                .build());
    }

    private void bindWithoutPresence(Jid fullJid) {
        LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        Pid pid = kernel.spawn(self -> {
            while (true) {
                inbox.add(self.receive());
            }
        });
        inboxes.put(fullJid, inbox);
        sessions.bind(fullJid, pid, ConflictPolicy.KICK_OLD);
    }

    /** Returns what the session of {@code fullJid} received, waiting for a marker sent after the stanzas. */
    private List<Object> delivered(String fullJid) throws InterruptedException {
        Jid jid = Jid.parse(fullJid);
        kernel.send(sessions.entry(jid).orElseThrow().pid(), MARKER);
        List<Object> received = new ArrayList<>();
        while (true) {
            Object message = inboxes.get(jid).poll(10, TimeUnit.SECONDS);
            assertThat(message).as("marker for %s", fullJid).isNotNull();
            if (message == MARKER) {
                return received;
            }
            received.add(message);
        }
    }

    private static List<String> errorConditions(List<Object> deliveries) {
        return deliveries.stream()
                .map(delivery -> ((Deliver) delivery).stanza())
                .peek(stanza -> assertThat(stanza.attribute("type")).isEqualTo("error"))
                .map(stanza -> stanza.child(Namespaces.CLIENT, "error").children().getFirst().name())
                .toList();
    }

    private static Element message(String to, String type) {
        return Element.builder(Namespaces.CLIENT, "message")
                .attribute("from", ALICE.toString())
                .attribute("to", to)
                .attribute("type", type)
                .child(Element.builder(Namespaces.CLIENT, "body").text("hi").build())
                .build();
    }

    private static Element iq(String to, String type) {
        return Element.builder(Namespaces.CLIENT, "iq")
                .attribute("from", ALICE.toString())
                .attribute("to", to)
                .attribute("id", "q1")
                .attribute("type", type)
                .child(Element.of("urn:example:query", "query"))
                .build();
    }
}
