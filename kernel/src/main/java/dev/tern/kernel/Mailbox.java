package dev.tern.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A process's incoming queue: many producers, one consumer, unbounded and lock-free
 * (Dmitry Vyukov's intrusive MPSC list). {@link #offer} never blocks, so a send never
 * blocks the sender; messages from one producer come out in the order it offered them.
 *
 * <p>Only the owning process calls {@link #poll}; {@link #size} is an estimate for
 * introspection.
 */
final class Mailbox {

    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    private static final VarHandle OFFERED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(Mailbox.class, "tail", Node.class);
            OFFERED = lookup.findVarHandle(Mailbox.class, "offered", long.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Node {
        Object item;
        volatile Node next;

        Node(Object item) {
            this.item = item;
        }
    }

    /** Consumer side: the node before the next item to take. */
    private Node head;
    @SuppressWarnings("unused") // updated through TAIL
    private volatile Node tail;
    @SuppressWarnings("unused") // updated through OFFERED
    private volatile long offered;
    private long polled;

    Mailbox() {
        Node stub = new Node(null);
        head = stub;
        tail = stub;
    }

    void offer(Object item) {
        Node node = new Node(item);
        OFFERED.getAndAdd(this, 1L);
        Node previous = (Node) TAIL.getAndSet(this, node);
        NEXT.setRelease(previous, node);
    }

    /** Returns the oldest item, or null when empty (or when a producer is mid-offer). */
    Object poll() {
        Node next = head.next;
        if (next == null) {
            return null;
        }
        Object item = next.item;
        next.item = null;
        head = next;
        polled++;
        return item;
    }

    /**
     * True when nothing has been offered that was not polled. Unlike {@code poll() == null}
     * it also sees an offer still linking its node, which the scheduler must not miss.
     */
    boolean isEmpty() {
        return (long) OFFERED.getVolatile(this) == polled;
    }

    int size() {
        return (int) Math.max(0, (long) OFFERED.getVolatile(this) - polled);
    }
}
