package dev.tern.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives {@link StreamIdleHandler} on an {@link EmbeddedChannel} with the event loop's mock time. */
class StreamIdleHandlerTest {

    private static final ConnectionEvent.Idle PING = new ConnectionEvent.Idle(ConnectionEvent.IdleKind.PING);
    private static final ConnectionEvent.Idle TIMEOUT = new ConnectionEvent.Idle(ConnectionEvent.IdleKind.TIMEOUT);

    private final List<Object> events = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void silenceFiresPingThenTimeoutOnce() {
        start(Duration.ofSeconds(1), Duration.ofSeconds(2));

        advanceMillis(999);
        assertThat(events).as("events before the ping interval").isEmpty();

        advanceMillis(1);
        assertThat(events).as("events at the ping interval").containsExactly(PING);

        advanceMillis(1000);
        assertThat(events).as("events at the idle timeout").containsExactly(PING, TIMEOUT);

        advanceMillis(10_000);
        assertThat(events).as("events long after the timeout").containsExactly(PING, TIMEOUT);
    }

    @Test
    void readsPostponeBothKinds() {
        start(Duration.ofSeconds(1), Duration.ofSeconds(2));

        for (int i = 0; i < 5; i++) {
            advanceMillis(900);
            read();
        }
        assertThat(events).as("events while reads come every 900 ms").isEmpty();

        advanceMillis(1000);
        assertThat(events).as("events one ping interval after the last read").containsExactly(PING);

        advanceMillis(1000);
        assertThat(events).as("events one idle timeout after the last read").containsExactly(PING, TIMEOUT);
    }

    @Test
    void readAfterPingRearmsPing() {
        start(Duration.ofSeconds(1), Duration.ofSeconds(2));

        advanceMillis(1000);
        read();
        advanceMillis(1500);
        assertThat(events).as("events 1.5 s after the read that answered the ping").containsExactly(PING, PING);

        advanceMillis(500);
        assertThat(events).as("events one idle timeout after the read").containsExactly(PING, PING, TIMEOUT);
    }

    @Test
    void readAfterTimeoutRearmsBoth() {
        start(Duration.ofSeconds(1), Duration.ofSeconds(2));
        advanceMillis(2000);
        assertThat(events).containsExactly(PING, TIMEOUT);

        read();
        advanceMillis(2000);
        assertThat(events).as("events after a read that followed both kinds")
                .containsExactly(PING, TIMEOUT, PING, TIMEOUT);
    }

    @Test
    void pingLongerThanTimeoutFiresTimeoutFirst() {
        start(Duration.ofSeconds(3), Duration.ofSeconds(2));

        advanceMillis(2000);
        assertThat(events).as("events at the idle timeout").containsExactly(TIMEOUT);

        advanceMillis(1000);
        assertThat(events).as("events at the ping interval").containsExactly(TIMEOUT, PING);
    }

    @Test
    void equalDurationsFirePingFirst() {
        start(Duration.ofSeconds(2), Duration.ofSeconds(2));

        advanceMillis(2000);
        assertThat(events).containsExactly(PING, TIMEOUT);
    }

    @Test
    void closedChannelFiresNothing() {
        start(Duration.ofSeconds(1), Duration.ofSeconds(2));
        channel.close();

        advanceMillis(5000);
        assertThat(events).isEmpty();
    }

    @Test
    void nonPositiveDurationIsRejected() {
        channel = new EmbeddedChannel();

        assertThatThrownBy(() -> new StreamIdleHandler(Duration.ZERO, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
    }

    private void start(Duration pingInterval, Duration idleTimeout) {
        channel = new EmbeddedChannel(new StreamIdleHandler(pingInterval, idleTimeout),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                        events.add(event);
                    }
                });
    }

    private void advanceMillis(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private void read() {
        channel.writeInbound(Unpooled.copiedBuffer(" ", StandardCharsets.UTF_8));
        channel.releaseInbound();
    }
}
