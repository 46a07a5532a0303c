package dev.tern.xmpp.api.module;

/** A monotonically increasing metric. */
public interface Counter {

    void increment();

    void add(long amount);

    long value();
}
