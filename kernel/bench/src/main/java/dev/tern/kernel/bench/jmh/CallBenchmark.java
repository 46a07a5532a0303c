package dev.tern.kernel.bench.jmh;

import dev.tern.kernel.From;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Init;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessContext;
import dev.tern.kernel.Result;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GenServer call round trip to an idle server from the benchmark thread. That thread is a
 * platform thread, not a process, and waits on the reply slot by spinning, then parking.
 * Sample mode reports p50 and p99; KernelBench's {@code call} figures measure the same round
 * trip from a calling process.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CallBenchmark {

    private static final Object PING = "ping";
    private static final Object PONG = "pong";

    /** Replies {@code pong} to every call. */
    static final class Echo implements GenServer<Object> {
        @Override
        public Init<Object> init(ProcessContext self, Object args) {
            return Init.ok("echo");
        }

        @Override
        public Result<Object> handleCall(Object request, From from, Object state) {
            return Result.reply(PONG, state);
        }
    }

    private Kernel kernel;
    private Pid server;

    @Setup
    public void start() {
        kernel = Kernel.start();
        server = GenServer.start(kernel, new Echo(), null);
    }

    @TearDown
    public void stop() {
        kernel.close();
    }

    @Benchmark
    public Object call() {
        return GenServer.call(kernel, server, PING);
    }
}
