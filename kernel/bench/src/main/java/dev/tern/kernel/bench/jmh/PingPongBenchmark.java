package dev.tern.kernel.bench.jmh;

import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.bench.RingNode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Send+receive latency: the time from one process's send until the receiving process has
 * taken the message and sent the next one, measured as a token going {@value #HOPS} hops
 * between two processes. The score is nanoseconds per hop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PingPongBenchmark {

    static final int HOPS = 10_000;

    private Kernel kernel;
    private Pid genServer;
    private Pid plain;

    @Setup
    public void start() {
        kernel = Kernel.start();
        genServer = RingNode.startGenServerRing(kernel, 2)[0];
        plain = RingNode.spawnPlainRing(kernel, 2)[0];
    }

    @TearDown
    public void stop() {
        kernel.close();
    }

    /** Two GenServers (event mode) passing the token as an info message. */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    public void genServer() throws InterruptedException {
        pass(genServer);
    }

    /** Two plain virtual-thread processes passing the token through receive. */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    public void plain() throws InterruptedException {
        pass(plain);
    }

    private void pass(Pid first) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        kernel.send(first, new RingNode.Token(HOPS, done));
        done.await();
    }
}
