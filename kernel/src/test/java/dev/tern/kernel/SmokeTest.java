package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    record Add(int n) {}

    static final class Counter implements GenServer<Integer> {
        @Override public Init<Integer> init(ProcessContext self, Object args) { return Init.ok((Integer) args); }
        @Override public Result<Integer> handleCall(Object req, From from, Integer s) throws Exception {
            if (req instanceof Add a) return Result.reply(s + a.n(), s + a.n());
            return GenServer.super.handleCall(req, from, s);
        }
    }

    @Test
    void basics() throws Exception {
        try (Kernel k = Kernel.start()) {
            Pid server = GenServer.start(k, new Counter(), 10);
            assertThat(GenServer.call(k, server, new Add(5))).isEqualTo(15);
            var q = new java.util.concurrent.ArrayBlockingQueue<Object>(10);
            Pid p = k.spawn(self -> { q.add(self.receive(String.class, Duration.ofSeconds(5))); });
            k.send(p, 42); k.send(p, "hi");
            assertThat(q.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("hi");
        }
    }
}
