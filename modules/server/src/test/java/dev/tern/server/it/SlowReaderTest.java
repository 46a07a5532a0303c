package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tern.server.testing.Await;
import dev.tern.xmpp.api.Jid;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Floods a raw stream that never reads its socket and checks that the server closes it with
 * {@code policy-violation} once its outgoing queue exceeds {@code c2s.max_outgoing_queue_bytes},
 * while the flooding client and a bystander stay connected.
 */
class SlowReaderTest {

    private static final long MAX_QUEUED_BYTES = 64 * 1024;
    /** A receive window this small makes the client's and the kernel's buffers fill after a few messages. */
    private static final int RECEIVE_BUFFER_BYTES = 4096;
    private static final int MAX_MESSAGES = 20_000;
    private static final Duration MAX_FLOOD_TIME = Duration.ofSeconds(10);
    private static final String SLOW_JID = "slow@localhost/reader";

    private TestServer server;
    private XMPPTCPConnection flooder;
    private XMPPTCPConnection bystander;
    private Logger outputLogger;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256());
        // The flooder's own rate must not be what ends the test, so the inbound limit is out of reach.
        server = TestServer.start(config -> config.withC2s(config.c2s()
                .withMaxOutgoingQueueBytes(MAX_QUEUED_BYTES)
                .withRate(1024L * 1024 * 1024, 1024L * 1024 * 1024)), "slow", "flooder", "bystander");
        SmackClients clients = new SmackClients(server);
        flooder = clients.login("flooder", "hose");
        bystander = clients.login("bystander", "watch");

        outputLogger = (Logger) LoggerFactory.getLogger("dev.tern.server.c2s.StreamOutput");
        log.start();
        outputLogger.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        outputLogger.detachAppender(log);
        flooder.disconnect();
        bystander.disconnect();
        SASLAuthentication.unregisterSASLMechanism(SmackScramSha256.class.getName());
        server.close();
    }

    @Test
    void slowReaderIsClosedWithPolicyViolation() throws Exception {
        CompletableFuture<StreamError.Condition> flooderClosed = StreamClosures.watch(flooder);
        CompletableFuture<StreamError.Condition> bystanderClosed = StreamClosures.watch(bystander);

        try (RawTlsClient slow = RawTlsClient.boundTo(server, "slow", "reader", RECEIVE_BUFFER_BYTES)) {
            int sent = flood();

            Await.until(SLOW_JID + " unbound", () -> server.server.sessions().find(Jid.parse(SLOW_JID)).isEmpty());
            assertThat(sent).as("messages sent before the slow reader was closed").isLessThan(MAX_MESSAGES);

            List<ILoggingEvent> closings = log.list.stream()
                    .filter(event -> event.getMessage().startsWith("Closing stream '{}' because the client does not read"))
                    .toList();
            assertThat(closings).as("slow-reader closings logged").hasSize(1);
            assertThat(closings.getFirst().getFormattedMessage()).contains(SLOW_JID);
            long queued = (Long) closings.getFirst().getArgumentArray()[1];
            assertThat(queued).as("bytes queued for the slow reader when it was closed")
                    .isPositive()
                    .isLessThanOrEqualTo(MAX_QUEUED_BYTES);

            // Reading now drains the queued messages, then the stream error written after them.
            assertThat(slow.readToEnd()).as("the end of the slow reader's stream")
                    .endsWith("<stream:error><policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"
                            + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\" xml:lang=\"en\">"
                            + "You read too slowly: the server's queue for your connection exceeded "
                            + MAX_QUEUED_BYTES + " bytes</text></stream:error></stream:stream>");
        }

        assertThat(flooderClosed).as("the flooder's connection").isNotDone();
        assertThat(bystanderClosed).as("the bystander's connection").isNotDone();
        assertDelivered(bystander, flooder);
        assertDelivered(flooder, bystander);
    }

    /**
     * Sends headline messages to the slow reader until its session ends or a bound is reached, and
     * returns the count. Headlines in flight when the session ends are dropped without an error
     * (RFC 6121 section 8.5.3.2.1), whereas chat messages would come back to the flooder as
     * {@code service-unavailable} errors faster than it reads, so the 64 KiB limit would close it too.
     */
    private int flood() throws Exception {
        Jid slowJid = Jid.parse(SLOW_JID);
        String body = "x".repeat(512);
        long deadline = System.nanoTime() + MAX_FLOOD_TIME.toNanos();
        int sent = 0;
        while (sent < MAX_MESSAGES && System.nanoTime() - deadline < 0
                && server.server.sessions().find(slowJid).isPresent()) {
            flooder.sendStanza(flooder.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityFullFrom(SLOW_JID))
                    .ofType(Message.Type.headline)
                    .setBody(sent + " " + body)
                    .build());
            sent++;
        }
        return sent;
    }

    /** Sends a message from {@code sender} to {@code recipient} and waits until it arrives. */
    private static void assertDelivered(XMPPTCPConnection sender, XMPPTCPConnection recipient) throws Exception {
        String body = "still here " + System.nanoTime();
        CompletableFuture<Message> received = new CompletableFuture<>();
        recipient.addAsyncStanzaListener(stanza -> received.complete((Message) stanza),
                stanza -> stanza instanceof Message message && body.equals(message.getBody()));

        sender.sendStanza(sender.getStanzaFactory().buildMessageStanza()
                .to(recipient.getUser())
                .ofType(Message.Type.chat)
                .setBody(body)
                .build());

        Message message = received.get(10, TimeUnit.SECONDS);
        assertThat(message.getFrom().toString()).isEqualTo(sender.getUser().toString());
    }
}
