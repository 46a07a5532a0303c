package dev.tern.kernel.bench;

import dev.tern.kernel.GenServer;
import dev.tern.kernel.Init;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessBody;
import dev.tern.kernel.ProcessContext;
import dev.tern.kernel.Result;
import java.util.concurrent.CountDownLatch;

/**
 * A node of a token ring, as a GenServer (event mode) or as a plain process body. A node
 * first gets {@link Next}, then forwards each {@link Token} to the next node until the
 * token's last hop, which counts down the token's latch.
 */
public final class RingNode implements GenServer<Pid> {

    /** The address a node forwards tokens to. */
    public record Next(Pid next) {
    }

    /**
     * A token with the number of hops left, including the one that delivers it, so a token
     * of {@code hops} makes exactly {@code hops} sends.
     */
    public record Token(long hops, CountDownLatch done) {
    }

    private final Kernel kernel;

    public RingNode(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Starts {@code size} GenServer nodes and links them into a ring; returns the nodes in ring order. */
    public static Pid[] startGenServerRing(Kernel kernel, int size) {
        RingNode callbacks = new RingNode(kernel);
        Pid[] nodes = new Pid[size];
        for (int i = 0; i < size; i++) {
            nodes[i] = GenServer.start(kernel, callbacks, null);
        }
        connect(kernel, nodes);
        return nodes;
    }

    /** Spawns {@code size} plain-process nodes and links them into a ring; returns the nodes in ring order. */
    public static Pid[] spawnPlainRing(Kernel kernel, int size) {
        Pid[] nodes = new Pid[size];
        for (int i = 0; i < size; i++) {
            nodes[i] = kernel.spawn(plainBody(kernel));
        }
        connect(kernel, nodes);
        return nodes;
    }

    private static void connect(Kernel kernel, Pid[] nodes) {
        for (int i = 0; i < nodes.length; i++) {
            kernel.send(nodes[i], new Next(nodes[(i + 1) % nodes.length]));
        }
    }

    @Override
    public Init<Pid> init(ProcessContext self, Object args) {
        return Init.ok(null);
    }

    @Override
    public Result<Pid> handleInfo(Object message, Pid next) {
        return switch (message) {
            case Next first -> Result.noReply(first.next());
            case Token token -> {
                forward(kernel, next, token);
                yield Result.noReply(next);
            }
            default -> throw new IllegalArgumentException("Ring node got unexpected message " + message);
        };
    }

    private static ProcessBody plainBody(Kernel kernel) {
        return self -> {
            Pid next = self.receive(Next.class, null).next();
            while (true) {
                forward(kernel, next, self.receive(Token.class, null));
            }
        };
    }

    private static void forward(Kernel kernel, Pid next, Token token) {
        if (token.hops() == 1) {
            token.done().countDown();
        } else {
            kernel.send(next, new Token(token.hops() - 1, token.done()));
        }
    }
}
