package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.server.testing.Await;
import dev.tern.xmpp.api.Jid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sends faster than {@code c2s.rate_limit.bytes_per_second} on a raw direct TLS stream and checks
 * that the server ends it with {@code policy-violation}, while a Smack bystander on the same
 * server is untouched.
 */
class InboundRateLimitTest {

    private static final long BYTES_PER_SECOND = 2048;
    private static final long BURST_BYTES = 4096;
    /** About 1 KiB per message every 50 ms is some 20 KiB/s, ten times the allowed rate. */
    private static final long SEND_INTERVAL_MILLIS = 50;
    private static final int MAX_MESSAGES = 200;
    private static final String FAST_JID = "fast@localhost/hose";

    private static TestServer server;
    private static XMPPTCPConnection bystander;
    private static CompletableFuture<StreamError.Condition> bystanderClosed;

    @BeforeAll
    static void start() throws Exception {
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256());
        server = TestServer.start(config -> config.withC2s(config.c2s().withRate(BYTES_PER_SECOND, BURST_BYTES)),
                "fast", "bystander");
        bystander = new SmackClients(server).login("bystander", "watch");
        bystanderClosed = StreamClosures.watch(bystander);
    }

    @AfterAll
    static void stop() throws Exception {
        bystander.disconnect();
        SASLAuthentication.unregisterSASLMechanism(SmackScramSha256.class.getName());
        server.close();
    }

    @Test
    void fastSenderGetsPolicyViolation() throws Exception {
        try (RawTlsClient fast = RawTlsClient.boundTo(server, "fast", "hose")) {
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return fast.readThrough("</stream:stream>");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            String body = "y".repeat(1000);
            int sent = 0;
            while (sent < MAX_MESSAGES && !output.isDone()) {
                try {
                    fast.send("<message to='bystander@localhost' type='chat' id='m" + sent + "'><body>" + body
                            + "</body></message>");
                } catch (IOException e) {
                    // The server closed the connection after its stream error; the output has the error.
                    break;
                }
                sent++;
                // The pause sets the sending rate; the loop ends on the server's output, not on time.
                TimeUnit.MILLISECONDS.sleep(SEND_INTERVAL_MILLIS);
            }

            assertThat(output.get(10, TimeUnit.SECONDS)).as("the server's output to the fast sender")
                    .isEqualTo("<stream:error><policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"
                            + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\" xml:lang=\"en\">"
                            + "You sent more than 2048 bytes per second (burst 4096 bytes); slow down</text>"
                            + "</stream:error></stream:stream>");
            assertThat(sent).as("messages sent before the stream error").isLessThan(MAX_MESSAGES);
        }
        Await.until(FAST_JID + " unbound", () -> server.server.sessions().find(Jid.parse(FAST_JID)).isEmpty());

        assertThat(bystanderClosed).as("the bystander's connection").isNotDone();
        assertThat(bystander.isAuthenticated()).isTrue();
        assertThat(server.server.sessions().find(Jid.parse("bystander@localhost/watch")))
                .as("the bystander's session").isPresent();

        // A message to itself proves the bystander's stream is still served both ways.
        String body = "still here " + System.nanoTime();
        CompletableFuture<Message> echo = new CompletableFuture<>();
        bystander.addAsyncStanzaListener(stanza -> echo.complete((Message) stanza),
                stanza -> stanza instanceof Message message && body.equals(message.getBody()));
        bystander.sendStanza(bystander.getStanzaFactory().buildMessageStanza()
                .to(bystander.getUser())
                .ofType(Message.Type.chat)
                .setBody(body)
                .build());
        assertThat(echo.get(10, TimeUnit.SECONDS).getFrom().toString()).isEqualTo("bystander@localhost/watch");
    }
}
