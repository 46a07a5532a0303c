package dev.tern.server.module;

import dev.tern.xmpp.api.module.Counter;
import java.util.concurrent.atomic.LongAdder;

/** A module's counter. It keeps its value when the module is replaced by a version that requests it again. */
final class HostCounter implements Counter {

    private final String name;
    private final LongAdder value = new LongAdder();

    HostCounter(String name) {
        this.name = name;
    }

    @Override
    public void increment() {
        value.increment();
    }

    /** @throws IllegalArgumentException for a negative amount, because the counter only increases */
    @Override
    public void add(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("Counter '" + name + "' only increases, but got amount " + amount);
        }
        value.add(amount);
    }

    @Override
    public long value() {
        return value.sum();
    }
}
