package dev.tern.console;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a long operation and shows that it is running: a dot each half second on an interactive terminal. */
final class Progress {

    private static final long TICK_MILLIS = 500;

    /** The reply of an operation and how long it took. */
    record Timed(Object value, Duration elapsed) {

        /** Returns the elapsed time as seconds with one decimal, such as {@code 1.2 s}. */
        String seconds() {
            return String.format("%.1f s", elapsed.toMillis() / 1000.0);
        }
    }

    private Progress() {
    }

    static Timed exec(Invocation call, String label, String mbean, String operation, Object... arguments)
            throws ConsoleException {
        long start = System.nanoTime();
        CompletableFuture<Object> reply = call.client().execAsync(mbean, operation, arguments);
        if (call.interactive() && !call.output().json()) {
            PrintWriter out = call.output().writer();
            out.print(label);
            out.flush();
            awaitWithDots(reply, out);
            out.println();
            out.flush();
        } else {
            call.output().progress(label);
        }
        Object value = JolokiaClient.join(reply);
        return new Timed(value, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void awaitWithDots(CompletableFuture<Object> reply, PrintWriter out) throws ConsoleException {
        while (true) {
            try {
                reply.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                out.print('.');
                out.flush();
            } catch (ExecutionException e) {
                // JolokiaClient.join reports the failure.
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ConsoleException.failed("Stopped waiting; the operation may still be running on the server, "
                        + "so check its outcome before retrying");
            }
        }
    }
}
