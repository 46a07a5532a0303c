package dev.tern.kernel.bench;

import dev.tern.kernel.GenServer;
import dev.tern.kernel.Init;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessContext;
import dev.tern.kernel.Result;
import java.util.concurrent.CountDownLatch;

/**
 * Sender/receiver pairs, as the Erlang {@code send_1to1} and {@code send_1000to1000}
 * workloads: each sender sends a fixed number of messages to its own receiver. Timing starts
 * when the senders are told to go and ends when every receiver has counted its messages.
 */
final class SendWorkload {

    /** The go message: starts a sender. */
    private static final Object GO = "go";

    /** The message counted; one shared constant, as Erlang's atom {@code msg}. */
    private static final Object MESSAGE = "msg";

    /** A receiver's state: the messages still expected. Mutable, so counting allocates nothing. */
    private static final class Countdown {
        long left;

        Countdown(long left) {
            this.left = left;
        }
    }

    /** Counts {@code args} messages, then counts down the shared latch. */
    private static final class Receiver implements GenServer<Countdown> {
        private final CountDownLatch counted;

        Receiver(CountDownLatch counted) {
            this.counted = counted;
        }

        @Override
        public Init<Countdown> init(ProcessContext self, Object args) {
            return Init.ok(new Countdown((Long) args));
        }

        @Override
        public Result<Countdown> handleInfo(Object message, Countdown state) {
            state.left--;
            if (state.left == 0) {
                counted.countDown();
            }
            return Result.noReply(state);
        }
    }

    /**
     * Sends {@code perSender} messages to the receiver given as init args, all in one
     * callback, when it gets the go message.
     */
    private static final class Sender implements GenServer<Pid> {
        private final Kernel kernel;
        private final long perSender;

        Sender(Kernel kernel, long perSender) {
            this.kernel = kernel;
            this.perSender = perSender;
        }

        @Override
        public Init<Pid> init(ProcessContext self, Object args) {
            return Init.ok((Pid) args);
        }

        @Override
        public Result<Pid> handleInfo(Object message, Pid receiver) {
            for (long k = 0; k < perSender; k++) {
                kernel.send(receiver, MESSAGE);
            }
            return Result.noReply(receiver);
        }
    }

    private SendWorkload() {
    }

    /** Reports {@code figure} for GenServer senders and receivers (event mode). */
    static void genServers(Kernel kernel, String figure, int pairs, long perSender) throws InterruptedException {
        CountDownLatch counted = new CountDownLatch(pairs);
        Receiver receiver = new Receiver(counted);
        Sender sender = new Sender(kernel, perSender);
        Pid[] senders = new Pid[pairs];
        for (int i = 0; i < pairs; i++) {
            Pid receiverPid = GenServer.start(kernel, receiver, perSender);
            senders[i] = GenServer.start(kernel, sender, receiverPid);
        }
        time(kernel, figure, senders, counted, perSender);
    }

    /** Reports {@code figure} with a {@code _plain} suffix for plain virtual-thread senders and receivers. */
    static void plain(Kernel kernel, String figure, int pairs, long perSender) throws InterruptedException {
        CountDownLatch counted = new CountDownLatch(pairs);
        Pid[] senders = new Pid[pairs];
        for (int i = 0; i < pairs; i++) {
            Pid receiverPid = kernel.spawn(self -> {
                for (long k = 0; k < perSender; k++) {
                    self.receive();
                }
                counted.countDown();
            });
            senders[i] = kernel.spawn(self -> {
                self.receive();
                for (long k = 0; k < perSender; k++) {
                    kernel.send(receiverPid, MESSAGE);
                }
            });
        }
        time(kernel, figure + "_plain", senders, counted, perSender);
    }

    private static void time(Kernel kernel, String figure, Pid[] senders, CountDownLatch counted, long perSender)
            throws InterruptedException {
        long start = System.nanoTime();
        for (Pid sender : senders) {
            kernel.send(sender, GO);
        }
        counted.await();
        long elapsed = System.nanoTime() - start;
        Figures.report(figure, Figures.rate(senders.length * perSender, elapsed), "msgs/s");
    }
}
