package dev.tern.hotload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatchGateTest {

    private final DispatchGate gate = new DispatchGate();

    private void awaitWaiting(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.waiting("m") < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + count + " threads at the gate");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void closeWaitsForDispatchesInside() throws Exception {
        DispatchGate.Pass inside = gate.enter("m");
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            gate.close("m", Duration.ofSeconds(10));
            gate.open("m");
        });
        awaitWaiting(1);

        assertThat(closed).isNotDone();
        inside.close();
        closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void reentryDoesNotWaitForQueuedSwitch() throws Exception {
        DispatchGate.Pass outer = gate.enter("m");
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            gate.close("m", Duration.ofSeconds(10));
            gate.open("m");
        });
        awaitWaiting(1);

        DispatchGate.Pass inner = gate.enter("m");

        inner.close();
        outer.close();
        closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void dispatchWaitsWhileClosed() throws Exception {
        gate.close("m", Duration.ofSeconds(1));
        CompletableFuture<String> dispatch = CompletableFuture.supplyAsync(() -> {
            try (DispatchGate.Pass _ = gate.enter("m")) {
                return "served";
            }
        });
        awaitWaiting(1);

        assertThat(dispatch).isNotDone();
        gate.open("m");
        assertThat(dispatch.get(10, TimeUnit.SECONDS)).isEqualTo("served");
    }

    @Test
    void waitOnForkJoinWorkerFreesWorker() throws Exception {
        gate.close("m", Duration.ofSeconds(1));
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            CompletableFuture<String> dispatch = CompletableFuture.supplyAsync(() -> {
                try (DispatchGate.Pass _ = gate.enter("m")) {
                    return "served";
                }
            }, pool);
            awaitWaiting(1);

            CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> "ran", pool);

            assertThat(other.get(10, TimeUnit.SECONDS)).as("a task queued behind the waiting dispatch").isEqualTo("ran");
            assertThat(dispatch).isNotDone();
            gate.open("m");
            assertThat(dispatch.get(10, TimeUnit.SECONDS)).isEqualTo("served");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeFromInsideIsRejected() {
        try (DispatchGate.Pass _ = gate.enter("m")) {
            assertThatThrownBy(() -> gate.close("m", Duration.ofSeconds(1)))
                    .isInstanceOf(ModuleException.class)
                    .hasMessageContaining("is dispatching to module 'm' and cannot switch it");
        }
    }

    @Test
    void closeTimesOutWhileDispatchStaysInside() throws Exception {
        CompletableFuture<DispatchGate.Pass> inside = CompletableFuture.supplyAsync(() -> gate.enter("m"));
        DispatchGate.Pass pass = inside.get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> gate.close("m", Duration.ofMillis(50)))
                .hasMessageContaining("Dispatches to module 'm' did not finish within PT0.05S");
        assertThat(pass).isNotNull();
    }
}
