package dev.tern.kernel.bench;

import dev.tern.kernel.From;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Init;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessContext;
import dev.tern.kernel.Result;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Times GenServer call round trips to an idle server from one calling process, as the
 * Erlang {@code call} workload: 10,000 warm-up calls, then 100,000 calls each timed with
 * {@link System#nanoTime}. Reports nearest-rank p50 and p99 in microseconds.
 */
final class CallWorkload {

    static final int WARM_UP_CALLS = 10_000;
    static final int TIMED_CALLS = 100_000;

    private static final Object PING = "ping";
    private static final Object PONG = "pong";
    private static final Object RUN = "run";

    /** The idle server that is called. */
    private static final class Echo implements GenServer<Object> {
        @Override
        public Init<Object> init(ProcessContext self, Object args) {
            return Init.ok("echo");
        }

        @Override
        public Result<Object> handleCall(Object request, From from, Object state) {
            return Result.reply(PONG, state);
        }
    }

    /**
     * A GenServer that makes all calls inside one callback when it gets {@code run}, as a
     * session process would call another server, and completes the samples future.
     */
    private static final class Caller implements GenServer<Object> {
        private final Kernel kernel;
        private final Pid server;
        private final CompletableFuture<long[]> samples;

        Caller(Kernel kernel, Pid server, CompletableFuture<long[]> samples) {
            this.kernel = kernel;
            this.server = server;
            this.samples = samples;
        }

        @Override
        public Init<Object> init(ProcessContext self, Object args) {
            return Init.ok("caller");
        }

        @Override
        public Result<Object> handleInfo(Object message, Object state) {
            samples.complete(timeCalls(kernel, server));
            return Result.noReply(state);
        }
    }

    private CallWorkload() {
    }

    /** Reports call_p50 and call_p99 with a GenServer (event mode) as the caller. */
    static void fromGenServer(Kernel kernel) throws Exception {
        Pid server = GenServer.start(kernel, new Echo(), null);
        CompletableFuture<long[]> samples = new CompletableFuture<>();
        Pid caller = GenServer.start(kernel, new Caller(kernel, server, samples), null);
        kernel.send(caller, RUN);
        report("", samples.get());
    }

    /** Reports call_p50_plain and call_p99_plain with a plain virtual-thread process as the caller. */
    static void fromPlainProcess(Kernel kernel) throws Exception {
        Pid server = GenServer.start(kernel, new Echo(), null);
        CompletableFuture<long[]> samples = new CompletableFuture<>();
        kernel.spawn(self -> samples.complete(timeCalls(kernel, server)));
        report("_plain", samples.get());
    }

    /** Makes the warm-up calls, then returns the round-trip time of each timed call in nanoseconds. */
    private static long[] timeCalls(Kernel kernel, Pid server) {
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            GenServer.call(kernel, server, PING);
        }
        long[] samples = new long[TIMED_CALLS];
        for (int i = 0; i < TIMED_CALLS; i++) {
            long start = System.nanoTime();
            Object reply = GenServer.call(kernel, server, PING);
            samples[i] = System.nanoTime() - start;
            if (reply != PONG) {
                throw new IllegalStateException("Expected reply " + PONG + ", got " + reply);
            }
        }
        return samples;
    }

    private static void report(String suffix, long[] samples) {
        Arrays.sort(samples);
        Figures.report("call_p50" + suffix, Figures.percentileMicros(samples, 50), "us");
        Figures.report("call_p99" + suffix, Figures.percentileMicros(samples, 99), "us");
    }
}
