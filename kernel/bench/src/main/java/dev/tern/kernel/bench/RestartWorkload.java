package dev.tern.kernel.bench;

import dev.tern.kernel.ChildSpec;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Init;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessContext;
import dev.tern.kernel.Result;
import dev.tern.kernel.Supervisor;
import dev.tern.kernel.SupervisorSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one_for_one supervisor restarting one permanent GenServer that stops with an error right
 * after init, as the Erlang {@code restarts} workload. Init counts starts, and the figure is
 * the start rate over a 5 s window after a 1 s warm-up.
 */
final class RestartWorkload {

    static final int INTENSITY = 100_000_000;
    static final Duration PERIOD = Duration.ofSeconds(1);
    static final Duration WARM_UP = Duration.ofSeconds(1);
    static final Duration WINDOW = Duration.ofSeconds(5);

    private static final Object CRASH = "crash";
    private static final ExitReason CRASHED_ON_PURPOSE = ExitReason.atom("crashed_on_purpose");

    /**
     * Counts its start, then stops with {@code crashed_on_purpose} on the message it sends
     * itself in init: Erlang's {@code {ok, State, 0}} timeout has no equivalent in Init, and
     * a message to self is handled as soon as init has returned.
     */
    private static final class Crasher implements GenServer<Object> {
        private final AtomicLong starts;

        Crasher(AtomicLong starts) {
            this.starts = starts;
        }

        @Override
        public Init<Object> init(ProcessContext self, Object args) {
            starts.incrementAndGet();
            self.kernel().send(self.self(), CRASH);
            return Init.ok("crasher");
        }

        @Override
        public Result<Object> handleInfo(Object message, Object state) {
            return Result.stop(CRASHED_ON_PURPOSE, state);
        }
    }

    private RestartWorkload() {
    }

    /** Reports restarts_per_second. */
    static void run(Kernel kernel) throws InterruptedException {
        AtomicLong starts = new AtomicLong();
        Crasher crasher = new Crasher(starts);
        ChildSpec child = ChildSpec.worker("crasher", (k, extraArgs) -> GenServer.startLink(k, crasher, null))
                .withShutdown(ChildSpec.Shutdown.BRUTAL_KILL);
        SupervisorSpec spec = new SupervisorSpec(SupervisorSpec.Strategy.ONE_FOR_ONE, INTENSITY, PERIOD,
                List.of(child));
        Pid supervisor = Supervisor.start(kernel, spec);

        Thread.sleep(WARM_UP);
        long start = System.nanoTime();
        long startsBefore = starts.get();
        Thread.sleep(WINDOW);
        long startsAfter = starts.get();
        long elapsed = System.nanoTime() - start;
        Figures.report("restarts_per_second", Figures.rate(startsAfter - startsBefore, elapsed), "restarts/s");

        if (!kernel.isAlive(supervisor)) {
            throw new IllegalStateException("Supervisor " + supervisor + " gave up during the window; "
                    + "the figure undercounts. Raise INTENSITY above the restart rate");
        }
        Supervisor.stop(kernel, supervisor, ExitReason.SHUTDOWN);
    }
}
