package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.server.testing.Await;
import dev.tern.xmpp.api.Jid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks idle detection on raw direct TLS streams with a ping interval of 1 s and an idle
 * timeout of 2 s: a silent client gets a XEP-0199 ping and then {@code connection-timeout}, while
 * whitespace keepalives or answered pings keep a stream open past the timeout.
 */
class IdleStreamTest {

    private static final Duration PING_INTERVAL = Duration.ofSeconds(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than the idle timeout, so a stream that survives it was kept open by its traffic. */
    private static final Duration KEEPALIVE_SPAN = Duration.ofSeconds(4);
    private static final String USER = "idler";

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(config -> config.withC2s(config.c2s().withTimeouts(Duration.ofSeconds(10),
                PING_INTERVAL, IDLE_TIMEOUT, Duration.ofSeconds(1))), USER);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void silentClientIsPingedThenTimedOut() throws Exception {
        String fullJid = USER + "@localhost/silent";

        try (RawTlsClient client = RawTlsClient.boundTo(server, USER, "silent")) {
            assertThat(client.readThrough("</iq>")).as("the server's first output after binding")
                    .isEqualTo(ping(fullJid, "ping-1"));

            assertThat(client.readThrough("</stream:stream>")).as("the output after the unanswered ping")
                    .isEqualTo("<stream:error><connection-timeout xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"
                            + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\" xml:lang=\"en\">"
                            + "Nothing was received for 2 s</text></stream:error></stream:stream>");

            // RFC 6120 section 4.4: the server waits for our close tag, then closes the connection.
            client.send("</stream:stream>");
            assertThat(client.readToEnd()).as("output after our close tag").isEmpty();
        }
        Await.until(fullJid + " unbound", () -> server.server.sessions().find(Jid.parse(fullJid)).isEmpty());
    }

    @Test
    void whitespaceKeepaliveAvoidsPingAndTimeout() throws Exception {
        String fullJid = USER + "@localhost/keepalive";

        try (RawTlsClient client = RawTlsClient.boundTo(server, USER, "keepalive")) {
            CompletableFuture<String> firstOutput = readAsync(client, "</iq>");

            long end = System.nanoTime() + KEEPALIVE_SPAN.toNanos();
            while (System.nanoTime() - end < 0) {
                client.send(" ");
                // Sleeping lets time pass between keepalives; nothing is awaited here.
                TimeUnit.MILLISECONDS.sleep(PING_INTERVAL.toMillis() / 4);
                assertThat(firstOutput).as("server output while keepalives arrive").isNotDone();
            }
            assertThat(server.server.sessions().find(Jid.parse(fullJid))).as("the session after %s", KEEPALIVE_SPAN)
                    .isPresent();

            // The stream still carries stanzas: the domain replies to a ping of our own.
            client.send("<iq type='get' id='c2s-ping' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(firstOutput.get(10, TimeUnit.SECONDS)).as("the first output, the reply to our ping")
                    .startsWith("<iq ")
                    .contains("id=\"c2s-ping\"")
                    .doesNotContain("urn:xmpp:ping");

            client.send("</stream:stream>");
            assertThat(client.readToEnd()).as("the server's close after ours").isEqualTo("</stream:stream>");
        }
    }

    @Test
    void answeredPingsKeepStreamOpen() throws Exception {
        String fullJid = USER + "@localhost/answering";

        try (RawTlsClient client = RawTlsClient.boundTo(server, USER, "answering")) {
            // Three rounds of answered pings take at least 3 s, longer than the idle timeout.
            for (int round = 1; round <= 3; round++) {
                String id = "ping-" + round;
                assertThat(client.readThrough("</iq>")).as("ping %s", round).isEqualTo(ping(fullJid, id));
                client.send("<iq type='result' id='" + id + "' to='localhost'/>");
            }
            assertThat(server.server.sessions().find(Jid.parse(fullJid))).as("the session after three pings")
                    .isPresent();

            client.send("</stream:stream>");
            assertThat(client.readToEnd()).as("the server's close after ours").isEqualTo("</stream:stream>");
        }
    }

    /** Returns the XEP-0199 ping the server sends to {@code fullJid}, as it serializes it. */
    private static String ping(String fullJid, String id) {
        return "<iq from=\"localhost\" to=\"" + fullJid + "\" id=\"" + id + "\" type=\"get\">"
                + "<ping xmlns=\"urn:xmpp:ping\"/></iq>";
    }

    private static CompletableFuture<String> readAsync(RawTlsClient client, String end) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.readThrough(end);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
