package dev.tern.xmpp.api.module;

/** A scheduled action that can be called off. */
@FunctionalInterface
public interface Cancellable {

    /** Calls off the action; harmless when it already ran. */
    void cancel();
}
