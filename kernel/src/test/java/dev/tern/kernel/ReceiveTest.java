package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Selective receive with patterns and timeouts, as Erlang's receive ... after. */
@Timeout(30)
class ReceiveTest {

    private final ManualClock clock = new ManualClock();
    private final Kernel kernel = Kernel.builder().name("receive-test").clock(clock).build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    @Test
    void typedReceiveSkipsOtherMessagesInOrder() throws Exception {
        Pid pid = kernel.spawn(self -> {
            List<Object> received = new ArrayList<>();
            received.add(self.receive(Integer.class, null));
            received.add(self.receive(Integer.class, null));
            for (int i = 0; i < 3; i++) {
                received.add(self.receive());
            }
            events.put(received);
        });

        for (Object message : List.of("a", 1, "b", 2, "c")) {
            kernel.send(pid, message);
        }

        assertThat(Await.take(events)).isEqualTo(List.of(1, 2, "a", "b", "c"));
    }

    @Test
    void predicateReceiveTakesOldestMatch() throws Exception {
        Pid pid = kernel.spawn(self -> {
            List<Object> received = new ArrayList<>();
            received.add(self.receive(m -> m instanceof String s && s.startsWith("b"), null));
            received.add(self.receive(m -> m instanceof String s && s.startsWith("b"), null));
            received.add(self.receive());
            received.add(self.receive());
            events.put(received);
        });

        for (Object message : List.of("a1", "b1", "a2", "b2")) {
            kernel.send(pid, message);
        }

        assertThat(Await.take(events)).isEqualTo(List.of("b1", "b2", "a1", "a2"));
    }

    @Test
    void receiveTimesOutWhenClockPassesTimeout() throws Exception {
        Pid pid = kernel.spawn(self -> {
            events.put(Optional.ofNullable(self.receive(String.class, Duration.ofSeconds(1))));
            events.put(Optional.ofNullable(self.receive(String.class, Duration.ofSeconds(1))));
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
        });
        Await.waiting(kernel, pid);

        // A timeout fired early would reach the mailbox before "in time" and win.
        clock.advance(Duration.ofMillis(999));
        kernel.send(pid, "in time");

        assertThat(Await.take(events)).isEqualTo(Optional.of("in time"));

        Await.waiting(kernel, pid);
        kernel.send(pid, 7);
        clock.advance(Duration.ofMillis(999));
        clock.advance(Duration.ofMillis(1));

        assertThat(Await.take(events)).isEqualTo(Optional.empty());
        assertThat(Await.take(events)).as("the skipped message stays").isEqualTo(Optional.of(7));
    }

    @Test
    void zeroTimeoutPollsWithoutWaiting() throws Exception {
        Pid pid = kernel.spawn(self -> {
            self.receive(message -> message.equals("go"), null);
            events.put(Optional.ofNullable(self.receive(String.class, Duration.ZERO)));
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
        });

        kernel.send(pid, 1);
        kernel.send(pid, 2);
        kernel.send(pid, "go");

        assertThat(Await.take(events)).as("no string is waiting").isEqualTo(Optional.empty());
        assertThat(Await.take(events)).isEqualTo(Optional.of(1));
        assertThat(Await.take(events)).isEqualTo(Optional.of(2));
        assertThat(Await.take(events)).isEqualTo(Optional.empty());
    }

    @Test
    void skippedMessagesCountInMailboxLength() throws Exception {
        Pid pid = kernel.spawn(self -> self.receive(message -> message.equals("never"), null));

        kernel.send(pid, "a");
        kernel.send(pid, "b");
        Await.until("both messages are set aside", () -> kernel.info(pid).orElseThrow().mailboxLength() == 2
                && kernel.info(pid).orElseThrow().status() == ProcessInfo.Status.WAITING);

        assertThat(kernel.info(pid).orElseThrow().mailboxLength()).isEqualTo(2);
    }
}
